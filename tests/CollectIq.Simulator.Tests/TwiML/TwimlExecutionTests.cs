using CollectIq.Simulator.Calls;
using CollectIq.Simulator.Scripts;
using CollectIq.Simulator.Tests.Support;

namespace CollectIq.Simulator.Tests.TwiML;

public sealed class TwimlExecutionTests
{
    private static readonly CalleeScript QuickAnswer = CalleeScript.Answers().AfterRinging(TimeSpan.FromMilliseconds(50));

    [Fact]
    public async Task SayThenHangup_SaysTextAndStopsAtHangup()
    {
        await using var rig = await SimulatorRig.StartAsync(QuickAnswer);
        rig.Server.VoiceTwiml = _ => "<Response><Say>Hello from CollectIQ</Say><Hangup/><Say>never said</Say></Response>";

        var call = await rig.PlaceCallAsync();
        await call.Completion.WithTimeout();

        var said = call.Events.OfType<AgentSpoke>().Select(s => s.Text).ToList();
        Assert.Equal(["Hello from CollectIQ"], said);
        Assert.Equal("completed", call.Status);
        // ~65 ms per character: the Say took real time before the hang-up.
        var spokeAt = call.Events.OfType<AgentSpoke>().Single().At;
        Assert.True(call.EndedAt - spokeAt >= TimeSpan.FromMilliseconds(900), $"Say lasted {call.EndedAt - spokeAt}");
    }

    [Fact]
    public async Task Gather_CallerPressesDigit_PostsSignedDigitsToActionAndRunsItsTwiml()
    {
        await using var rig = await SimulatorRig.StartAsync(QuickAnswer.WaitForAgentSpeech(5000).PressDigits("2"));
        rig.Server.VoiceTwiml = _ => """<Response><Gather input="dtmf" numDigits="1" action="/gather-action" timeout="10"><Say>Press 1 to pay, 2 if you already paid.</Say></Gather><Say>We did not get your answer.</Say></Response>""";
        rig.Server.GatherActionTwiml = "<Response><Say>Thank you for your payment</Say><Hangup/></Response>";

        var call = await rig.PlaceCallAsync();
        await call.Completion.WithTimeout();

        var action = rig.Server.Requests.Single(r => r.Path == "/gather-action");
        Assert.True(action.SignatureValid);
        Assert.Equal("2", action.Form["Digits"]);
        Assert.Equal(call.Sid, action.Form["CallSid"]);
        var said = call.Events.OfType<AgentSpoke>().Select(s => s.Text).ToList();
        Assert.Equal(["Press 1 to pay, 2 if you already paid.", "Thank you for your payment"], said);
    }

    [Fact]
    public async Task Gather_FinishOnKey_SubmitsDigitsBeforeIt()
    {
        await using var rig = await SimulatorRig.StartAsync(QuickAnswer.PressDigits("123#"));
        rig.Server.VoiceTwiml = _ => """<Response><Gather action="/gather-action" timeout="10"/></Response>""";

        var call = await rig.PlaceCallAsync();
        await call.Completion.WithTimeout();

        var action = rig.Server.Requests.Single(r => r.Path == "/gather-action");
        Assert.Equal("123", action.Form["Digits"]);
        Assert.Equal("#", action.Form["FinishedOnKey"]);
    }

    [Fact]
    public async Task Gather_NoInput_FallsThroughToNextVerb()
    {
        await using var rig = await SimulatorRig.StartAsync(QuickAnswer);
        rig.Server.VoiceTwiml = _ => """<Response><Gather numDigits="1" action="/gather-action" timeout="1"/><Say>Goodbye</Say></Response>""";

        var call = await rig.PlaceCallAsync();
        await call.Completion.WithTimeout();

        Assert.DoesNotContain(rig.Server.Requests, r => r.Path == "/gather-action");
        Assert.Equal(["Goodbye"], call.Events.OfType<AgentSpoke>().Select(s => s.Text));
    }

    [Fact]
    public async Task Redirect_FetchesNewDocumentSigned()
    {
        await using var rig = await SimulatorRig.StartAsync(QuickAnswer);
        rig.Server.VoiceTwiml = _ => "<Response><Redirect>/gather-action</Redirect><Say>not reached</Say></Response>";
        rig.Server.GatherActionTwiml = "<Response><Say>Redirected</Say></Response>";

        var call = await rig.PlaceCallAsync();
        await call.Completion.WithTimeout();

        Assert.True(rig.Server.Requests.Single(r => r.Path == "/gather-action").SignatureValid);
        Assert.Equal(["Redirected"], call.Events.OfType<AgentSpoke>().Select(s => s.Text));
    }

    [Fact]
    public async Task StreamClosedByServer_ContinuesWithNextVerb()
    {
        await using var rig = await SimulatorRig.StartAsync(QuickAnswer);
        rig.Server.VoiceTwiml = _ => $"""<Response><Connect><Stream url="{rig.Server.StreamUrl}"/></Connect><Say>After the stream</Say></Response>""";
        rig.Server.OnStream = async s =>
        {
            var receive = s.ReceiveUntilClosedAsync();
            await s.WaitForEventAsync("media");
            await s.CloseAsync();
            await receive;
        };

        var call = await rig.PlaceCallAsync();
        await call.Completion.WithTimeout();

        var events = call.Events;
        var streamEnded = events.FindIndex(e => e is StreamEnded);
        var said = events.FindIndex(e => e is AgentSpoke { Text: "After the stream" });
        Assert.True(streamEnded >= 0 && said > streamEnded);
        Assert.Empty(rig.Server.Streams.Single().Events("stop"));
    }

    [Fact]
    public async Task VoiceUrlFails_ReportsProblemAndCompletes()
    {
        await using var rig = await SimulatorRig.StartAsync(QuickAnswer);
        rig.Server.VoiceTwiml = _ => "<Response><Say>unclosed";

        var call = await rig.PlaceCallAsync();
        await call.Completion.WithTimeout();

        Assert.Contains(call.Events, e => e is CallProblem { Code: 12100 });
        Assert.Equal("completed", call.Status);
    }
}

internal static class EventListExtensions
{
    public static int FindIndex(this IReadOnlyList<SimulatedCallEvent> events, Func<SimulatedCallEvent, bool> match)
    {
        for (var i = 0; i < events.Count; i++) if (match(events[i])) return i;
        return -1;
    }
}
