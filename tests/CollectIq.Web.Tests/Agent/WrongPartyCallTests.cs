using CollectIq.Domain.Calls;
using CollectIq.Simulator.Scripts;
using Microsoft.EntityFrameworkCore;
using static CollectIq.Web.Tests.Agent.AgentCallHarness;

namespace CollectIq.Web.Tests.Agent;

public sealed class WrongPartyCallTests
{
    private static readonly string[] DebtWords = ["dollar", "debt", "balance", "invoice", "overdue", "payment", "owe"];

    [Fact]
    public async Task AgentCall_PayerSaysWrongNumber_RecordsWrongPartyAndNeverMentionsTheDebt()
    {
        await using var app = await StartAsync();
        var payerId = await app.AddPayerAsync("Wrong Co", 90, phone: "+12125550172", open: 980.00m);
        Scripts(app).ForNumber("+12125550172", CalleeScript.Answers("wrong party")
            .WaitForAgentSpeech(30_000).WaitForAgentSilence(900).SayText("Wrong number.").Pause(60_000).HangUp());

        var callId = await app.PlaceCallAsync(payerId);
        var call = await WaitForOutcomeAsync(app, callId);

        var turns = await TurnsAsync(app, callId);
        var transcript = Describe(turns);
        Assert.True(call.GetProperty("outcome").GetString() == "wrong_party", transcript);
        Assert.Contains(turns, t => t.Speaker == Speaker.Payer && t.Text.Contains("wrong number", StringComparison.Ordinal));
        var agent = turns.Where(t => t.Speaker == Speaker.Agent).ToList();
        Assert.Contains(agent, t => t.Text.Contains("pass on a message", StringComparison.Ordinal));
        foreach (var turn in agent)
            foreach (var word in DebtWords)
                Assert.DoesNotContain(word, turn.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(agent, t => t.Text.Contains("nine hundred eighty", StringComparison.Ordinal));
        await using var db = await app.Contexts.CreateDbContextAsync();
        Assert.False(await db.PaymentPromises.AnyAsync(p => p.CallId == callId));
    }
}

