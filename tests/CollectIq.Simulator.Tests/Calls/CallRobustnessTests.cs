using CollectIq.Simulator.Calls;
using CollectIq.Simulator.Scripts;
using CollectIq.Simulator.Tests.Support;

namespace CollectIq.Simulator.Tests.Calls;

public sealed class CallRobustnessTests
{
    private static readonly CalleeScript QuickAnswer = CalleeScript.Answers().AfterRinging(TimeSpan.FromMilliseconds(50));

    [Fact]
    public async Task VoiceUrlUnreachable_OnlyThatCallFails_OtherCallStreams()
    {
        await using var rig = await SimulatorRig.StartAsync(QuickAnswer.WaitForStream().Pause(300).HangUp());

        var broken = await rig.PlaceCallAsync(("Url", "http://127.0.0.1:9/voice"));
        var healthy = await rig.PlaceCallAsync();
        await Task.WhenAll(broken.Completion, healthy.Completion).WithTimeout();

        Assert.Contains(broken.Events, e => e is CallProblem { Code: 11200 });
        Assert.DoesNotContain(healthy.Events, e => e is CallProblem);
        Assert.Contains(healthy.Events, e => e is StreamStarted);
        Assert.Equal("completed", broken.Status);
        Assert.Equal("completed", healthy.Status);
    }

    [Fact]
    public async Task StatusCallbackRejected_ReportedAndCallGoesOn()
    {
        await using var rig = await SimulatorRig.StartAsync(QuickAnswer.WaitForStream().Pause(200).HangUp());

        var call = await rig.PlaceCallAsync(("StatusCallback", rig.Server.Url("/missing").ToString()));
        await call.Completion.WithTimeout();

        Assert.Equal(4, call.Events.OfType<CallProblem>().Count(p => p.Code == 11200));
        Assert.Contains(call.Events, e => e is StreamStarted);
        Assert.Equal("completed", call.Status);
    }

    [Fact]
    public async Task InlineTwiml_PerformedWithoutFetchingUrl()
    {
        await using var rig = await SimulatorRig.StartAsync(QuickAnswer);

        var call = await rig.PlaceCallAsync(("Url", null), ("Twiml", "<Response><Say>Inline hello</Say></Response>"));
        await call.Completion.WithTimeout();

        Assert.Equal(["Inline hello"], call.Events.OfType<AgentSpoke>().Select(s => s.Text));
        Assert.DoesNotContain(rig.Server.Requests, r => r.Path == "/voice");
    }

    [Fact]
    public async Task VoiceUrlGet_QueryCarriesParametersAndSignatureCoversIt()
    {
        await using var rig = await SimulatorRig.StartAsync(QuickAnswer);
        var server = rig.Server;
        var call = await rig.PlaceCallAsync(("Method", "GET"), ("Url", server.Url("/voice-get?payerId=5").ToString()));
        await call.Completion.WithTimeout();

        var voice = server.Requests.Single(r => r.Path == "/voice-get");
        Assert.True(voice.SignatureValid);
        Assert.Equal(call.Sid, voice.Form["CallSid"]);
        Assert.Equal("5", voice.Form["payerId"]);
        Assert.Equal(["GET works"], call.Events.OfType<AgentSpoke>().Select(s => s.Text));
    }
}
