using System.Globalization;
using CollectIq.Domain.Calls;
using CollectIq.Domain.Promises;
using Microsoft.EntityFrameworkCore;
using static CollectIq.Web.Tests.Agent.AgentCallHarness;

namespace CollectIq.Web.Tests.Agent;

/// <summary>
/// A whole collections call end to end: the payer confirms who they are by voice (real recognition), hears
/// the disclosure and the balance, promises by keypad (the dialog's keypad path: speech of amounts and
/// dates is not reliable enough on synthetic phone audio to script blind), confirms with 1.
/// </summary>
public sealed class PromiseToPayCallTests
{
    [Fact]
    public async Task AgentCall_PayerConfirmsAndPromisesByKeypad_RecordsPromiseWithTranscriptAndPaymentPromiseRow()
    {
        await using var app = await StartAsync();
        var payerId = await app.AddPayerAsync("Promise Co", 90, phone: "+12125550171", open: 245.50m);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var payerToday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime);
        var promised = payerToday.AddDays(3);
        Scripts(app).ForNumber("+12125550171", AnswersAndConfirms("promise")
            .WaitForAgentSpeech(30_000).WaitForAgentSilence(1500).PressDigits("1")                                              // Ask → promise
            .WaitForAgentSpeech(30_000).WaitForAgentSilence(1200).PressDigits(promised.Day.ToString(CultureInfo.InvariantCulture) + "#") // day of the month
            .WaitForAgentSpeech(30_000).WaitForAgentSilence(1200).PressDigits("1")                                              // that's right
            .Pause(60_000).HangUp());

        var callId = await app.PlaceCallAsync(payerId);

        // Turns are written while the call is going on, not at its end.
        var (during, status) = await WaitForTurnsAsync(app, callId, t => t.Any(x => x.Speaker == Speaker.Payer));
        Assert.Equal("in-progress", status);
        var confirmation = Assert.Single(during, t => t.Speaker == Speaker.Payer);
        Assert.Contains("speaking", confirmation.Text, StringComparison.Ordinal);

        var call = await WaitForOutcomeAsync(app, callId);
        var turns = await TurnsAsync(app, callId);
        var transcript = Describe(turns);
        Assert.True(call.GetProperty("outcome").GetString() == "promise_to_pay", transcript);
        var detail = CollectIq.Domain.Calls.OutcomeDetail.FromJson(call.GetProperty("outcomeDetail").GetString())!;
        Assert.Equal(245.50m, detail.Amount);
        Assert.Equal("USD", detail.Currency);
        Assert.Equal(promised, detail.Date);

        // Nothing about money before the right party said yes; the disclosure before any amount.
        var agent = turns.Where(t => t.Speaker == Speaker.Agent).ToList();
        var firstPayer = turns.FindIndex(t => t.Speaker == Speaker.Payer);
        Assert.All(turns.Take(firstPayer), t => Assert.DoesNotContain("dollars", t.Text, StringComparison.OrdinalIgnoreCase));
        var disclosure = turns.FindIndex(t => t.Text.Contains("attempt to collect a debt", StringComparison.Ordinal));
        var firstAmount = turns.FindIndex(t => t.Speaker == Speaker.Agent && t.Text.Contains("dollars", StringComparison.OrdinalIgnoreCase));
        Assert.True(disclosure > firstPayer && disclosure < firstAmount, transcript);
        Assert.Contains(agent, t => t.Text.Contains("two hundred forty-five dollars and fifty cents", StringComparison.Ordinal));

        await using var db = await app.Contexts.CreateDbContextAsync();
        var promise = await db.PaymentPromises.AsNoTracking().SingleAsync(p => p.CallId == callId);
        Assert.Equal(payerId, promise.PayerId);
        Assert.Equal(245.50m, promise.Amount);
        Assert.Equal("USD", promise.Currency);
        Assert.Equal(promised, promise.PromisedDate);
        Assert.Equal(PromiseState.Pending, promise.State);
        var events = await EventsAsync(app, callId);
        Assert.Contains(events, e => e.Type == "turn-metrics");
    }
}
