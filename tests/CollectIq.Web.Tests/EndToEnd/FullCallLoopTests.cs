using System.Text.Json;
using CollectIq.Domain.Calls;
using CollectIq.Simulator.Scripts;
using Microsoft.EntityFrameworkCore;

namespace CollectIq.Web.Tests.EndToEnd;

/// <summary>
/// Send Outreach → Twilio (the stand-in) → signed TwiML → signed media-stream WebSocket → stop → final
/// status in the database, on both engines. Nothing is faked inside the product.
/// </summary>
public sealed class FullCallLoopTests
{
    public static TheoryData<string> Engines()
    {
        var data = new TheoryData<string> { "sqlite" };
        if (SimulatedApp.PostgresConfigured || Environment.GetEnvironmentVariable("COLLECTIQ_REQUIRE_ALL_ENGINES") == "1") data.Add("postgres");
        return data;
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Outreach_AnsweredCallThatHangsUp_EndsCompletedWithHistoryEventsAndDtmf(string engine)
    {
        await using var app = await SimulatedApp.StartAsync(engine);
        var payerId = await app.CreateStage3PayerAsync("Riverside Bakery", "+12125550177");
        app.Telephony.Scripts.ForNumber("+12125550177",
            CalleeScript.Answers().WaitForAgentSpeech().WaitForAgentSilence(300).PressDigits("1").Pause(400).HangUp());

        var callId = await app.SendOutreachAsync(payerId);
        var call = await app.WaitForFinalCallAsync(callId, TimeSpan.FromSeconds(45));

        Assert.Equal("completed", call.GetProperty("status").GetString());
        Assert.StartsWith("CA", call.GetProperty("twilioCallSid").GetString());
        var history = call.GetProperty("statusHistory").EnumerateArray().Select(s => s.GetProperty("status").GetString()).ToList();
        Assert.Equal(["queued", "initiated", "ringing", "in-progress", "completed"], history);
        Assert.True(call.GetProperty("durationSeconds").GetInt32() >= 0);
        Assert.NotEqual(JsonValueKind.Null, call.GetProperty("endedAt").ValueKind);

        // What the media-stream session wrote for support: the stream start, the payer's key, the agent's
        // mark echoed back by Twilio's playout, and exactly one end of stream.
        await using var db = await app.Contexts.CreateDbContextAsync();
        var events = await WaitForEventsAsync(app, callId, e => e.Any(x => x.Type == "stop"));
        Assert.Contains(events, e => e.Type == "start");
        Assert.Contains(events, e => e.Type == "dtmf" && e.Detail != null && e.Detail.Contains('1'));
        Assert.Contains(events, e => e.Type == "mark");
        Assert.Single(events, e => e.Type == "stop");
        var stored = await db.Calls.AsNoTracking().SingleAsync(c => c.Id == callId);
        Assert.NotNull(stored.StreamSid);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Outreach_BusyLine_EndsBusyWithoutStream(string engine)
    {
        await using var app = await SimulatedApp.StartAsync(engine);
        var payerId = await app.CreateStage3PayerAsync("Summit Dental", "+13125550166");
        app.Telephony.Scripts.ForNumber("+13125550166", CalleeScript.Busy());

        var callId = await app.SendOutreachAsync(payerId);
        var call = await app.WaitForFinalCallAsync(callId, TimeSpan.FromSeconds(30));

        Assert.Equal("busy", call.GetProperty("status").GetString());
        await using var db = await app.Contexts.CreateDbContextAsync();
        Assert.False(await db.Set<CallEvent>().AnyAsync(e => e.CallId == callId && e.Type == "start"));
    }

    [Fact]
    public async Task Outreach_TwoCallsAtOnce_EachEndsWithItsOwnStream()
    {
        await using var app = await SimulatedApp.StartAsync("sqlite");
        var first = await app.CreateStage3PayerAsync("Northwind Traders", "+14155550111");
        var second = await app.CreateStage3PayerAsync("Contoso Pharmacy", "+14155550122");
        app.Telephony.Scripts.ForNumber("+14155550111", CalleeScript.Answers().WaitForAgentSpeech().Pause(600).PressDigits("3").Pause(300).HangUp());
        app.Telephony.Scripts.ForNumber("+14155550122", CalleeScript.Answers().WaitForAgentSpeech().Pause(900).PressDigits("7").Pause(300).HangUp());

        var calls = await Task.WhenAll(app.SendOutreachAsync(first), app.SendOutreachAsync(second));
        var ended = await Task.WhenAll(calls.Select(id => app.WaitForFinalCallAsync(id, TimeSpan.FromSeconds(45))));

        Assert.All(ended, c => Assert.Equal("completed", c.GetProperty("status").GetString()));
        var firstEvents = await WaitForEventsAsync(app, calls[0], e => e.Any(x => x.Type == "stop"));
        var secondEvents = await WaitForEventsAsync(app, calls[1], e => e.Any(x => x.Type == "stop"));
        // Each call heard only its own payer's key.
        Assert.Contains(firstEvents, e => e.Type == "dtmf" && e.Detail!.Contains('3'));
        Assert.DoesNotContain(firstEvents, e => e.Type == "dtmf" && e.Detail!.Contains('7'));
        Assert.Contains(secondEvents, e => e.Type == "dtmf" && e.Detail!.Contains('7'));
        Assert.DoesNotContain(secondEvents, e => e.Type == "dtmf" && e.Detail!.Contains('3'));
        await using var db = await app.Contexts.CreateDbContextAsync();
        var streams = await db.Calls.AsNoTracking().Where(c => calls.Contains(c.Id)).Select(c => c.StreamSid).ToListAsync();
        Assert.Equal(2, streams.Distinct().Count());
    }

    private static async Task<List<CallEvent>> WaitForEventsAsync(SimulatedApp app, int callId, Func<List<CallEvent>, bool> done)
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
