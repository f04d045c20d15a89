using System.Net.Http.Json;
using System.Text.Json;
using CollectIq.Domain.Calls;
using CollectIq.Simulator.Hosting;
using CollectIq.Simulator.Scripts;
using CollectIq.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollectIq.Web.Tests.Twilio;

/// <summary>
/// The whole loop with simulated telephony: API outreach → the real Twilio client → the stand-in → signed
/// webhooks → TwiML → media stream or keypress menu → status callbacks → the call record. Nothing inside
/// the product is faked.
/// </summary>
public sealed class SimulatedCallLoopTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory, SqliteEngine, PostgresEngine]
    public async Task Outreach_AnsweredCallThatHangsUp_EndsCompletedWithHistoryEventsAndDtmf(string engine)
    {
        await using var app = await TestApp.StartAsync(simulated: true, engine: engine);
        var payerId = await app.AddPayerAsync("Loop Co", 90, phone: "+12125550143");
        Scripts(app).ForNumber("+12125550143",
            CalleeScript.Answers("test").WaitForAgentSpeech().WaitForAgentSilence(300).PressDigits("1").Pause(400).HangUp());

        var callId = await app.PlaceCallAsync(payerId);
        var call = await WaitForFinalAsync(app, callId);

        Assert.Equal("completed", call.GetProperty("status").GetString());
        Assert.StartsWith("CA", call.GetProperty("twilioCallSid").GetString());
        var history = call.GetProperty("statusHistory").EnumerateArray().Select(s => s.GetProperty("status").GetString()).ToList();
        Assert.Equal(["queued", "initiated", "ringing", "in-progress", "completed"], history);
        Assert.NotEqual(JsonValueKind.Null, call.GetProperty("endedAt").ValueKind);

        // What the media-stream session wrote for support: the stream start, the payer's key, the agent's
        // mark echoed back by Twilio's playout, and exactly one end of stream.
        var events = await WaitForEventsAsync(app, callId, e => e.Any(x => x.Type == "stop"));
        Assert.Contains(events, e => e.Type == "start");
        Assert.Contains(events, e => e.Type == "dtmf" && e.Detail != null && e.Detail.Contains('1'));
        Assert.Contains(events, e => e.Type == "mark");
        Assert.Single(events, e => e.Type == "stop");
        await using var db = await app.Contexts.CreateDbContextAsync();
        Assert.NotNull((await db.Calls.AsNoTracking().SingleAsync(c => c.Id == callId)).StreamSid);
    }

    [Theory, SqliteEngine, PostgresEngine]
    public async Task Outreach_BusyLine_EndsBusyWithoutStream(string engine)
    {
        await using var app = await TestApp.StartAsync(simulated: true, engine: engine);
        var payerId = await app.AddPayerAsync("Busy Line Co", 90, phone: "+16175550137");
        Scripts(app).ForNumber("+16175550137", CalleeScript.Busy());

        var callId = await app.PlaceCallAsync(payerId);
        var call = await WaitForFinalAsync(app, callId);

        Assert.Equal("busy", call.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, call.GetProperty("answeredAt").ValueKind);
        await using var db = await app.Contexts.CreateDbContextAsync();
        Assert.False(await db.Set<CallEvent>().AnyAsync(e => e.CallId == callId && e.Type == "start"));
    }

    [Fact]
    public async Task Outreach_KeypressPayerPresses2_RecordsAlreadyPaid()
    {
        await using var app = await TestApp.StartAsync(simulated: true);
        var payerId = await app.AddPayerAsync("Keys Co", 90, phone: "+13125550188", voiceAgent: false);
        Scripts(app).ForNumber("+13125550188", CalleeScript.Answers("keys").Pause(500).PressDigits("2").Pause(30_000).HangUp());

        var callId = await app.PlaceCallAsync(payerId);
        var call = await WaitForFinalAsync(app, callId);

        Assert.Equal("already_paid", call.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Outreach_TwoCallsAtOnce_EachHearsOnlyItsOwnPayer()
    {
        await using var app = await TestApp.StartAsync(simulated: true);
        var first = await app.AddPayerAsync("Northwind Traders", 90, phone: "+14155550111");
        var second = await app.AddPayerAsync("Contoso Pharmacy", 95, phone: "+14155550122");
        Scripts(app).ForNumber("+14155550111", CalleeScript.Answers().WaitForAgentSpeech().Pause(600).PressDigits("3").Pause(300).HangUp());
        Scripts(app).ForNumber("+14155550122", CalleeScript.Answers().WaitForAgentSpeech().Pause(900).PressDigits("7").Pause(300).HangUp());

        var calls = await Task.WhenAll(app.PlaceCallAsync(first), app.PlaceCallAsync(second));
        var ended = await Task.WhenAll(calls.Select(id => WaitForFinalAsync(app, id)));

        Assert.All(ended, c => Assert.Equal("completed", c.GetProperty("status").GetString()));
        var firstEvents = await WaitForEventsAsync(app, calls[0], e => e.Any(x => x.Type == "stop"));
        var secondEvents = await WaitForEventsAsync(app, calls[1], e => e.Any(x => x.Type == "stop"));
        Assert.Contains(firstEvents, e => e.Type == "dtmf" && e.Detail!.Contains('3'));
        Assert.DoesNotContain(firstEvents, e => e.Type == "dtmf" && e.Detail!.Contains('7'));
        Assert.Contains(secondEvents, e => e.Type == "dtmf" && e.Detail!.Contains('7'));
        Assert.DoesNotContain(secondEvents, e => e.Type == "dtmf" && e.Detail!.Contains('3'));
        await using var db = await app.Contexts.CreateDbContextAsync();
        var streams = await db.Calls.AsNoTracking().Where(c => calls.Contains(c.Id)).Select(c => c.StreamSid).ToListAsync();
        Assert.Equal(2, streams.Distinct().Count());
    }

    private static CalleeScriptRegistry Scripts(TestApp app) => app.Services.GetRequiredService<SimulatedTelephony>().Scripts;

    private static async Task<JsonElement> WaitForFinalAsync(TestApp app, int callId)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var call = await app.Client.GetFromJsonAsync<JsonElement>($"/api/calls/{callId}", timeout.Token);
            if (call.GetProperty("status").GetString() is "completed" or "busy" or "no-answer" or "failed" or "canceled"
                && (call.GetProperty("outcome").ValueKind != JsonValueKind.Null || call.GetProperty("status").GetString() != "completed" || HasWaitedForOutcome(call)))
                return call;
            await Task.Delay(200, timeout.Token);
        }
    }

    // A completed call without an outcome is final once its end is a moment old (webhooks settle).
    private static bool HasWaitedForOutcome(JsonElement call) =>
        call.GetProperty("endedAt").GetDateTimeOffset() < DateTimeOffset.UtcNow.AddSeconds(-1);

    private static async Task<List<CallEvent>> WaitForEventsAsync(TestApp app, int callId, Func<List<CallEvent>, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        List<CallEvent> events;
        do
        {
            await using var db = await app.Contexts.CreateDbContextAsync();
            events = await db.Set<CallEvent>().AsNoTracking().Where(e => e.CallId == callId).ToListAsync();
            if (done(events)) return events;
            await Task.Delay(200);
        } while (DateTime.UtcNow < deadline);
        return events;
    }
}
