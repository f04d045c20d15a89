using CollectIq.Simulator.Calls;
using CollectIq.Simulator.Scripts;
using CollectIq.Simulator.Tests.Api;
using CollectIq.Simulator.Tests.Support;

namespace CollectIq.Simulator.Tests.MediaStreams;

public sealed class MediaStreamProtocolTests
{
    private static readonly CalleeScript QuickAnswer = CalleeScript.Answers().AfterRinging(TimeSpan.FromMilliseconds(100));

    [Fact]
    public async Task Stream_Started_SendsConnectedThenStartWithParametersAndFormat()
    {
        await using var rig = await SimulatorRig.StartAsync(QuickAnswer);
        rig.Server.OnStream = async s =>
        {
            var receive = s.ReceiveUntilClosedAsync();
            await s.WaitForEventAsync("media");
            await s.CloseAsync();
            await receive;
        };
        var call = await rig.PlaceCallAsync();
        var stream = await CallsApiTests.WaitForStreamAsync(rig.Server);
        await call.Completion.WithTimeout();

        var messages = stream.Messages;
        Assert.Equal("connected", messages[0].Event);
        Assert.Equal("Call", messages[0].Str("protocol"));
        var start = messages[1];
        Assert.Equal("start", start.Event);
        Assert.Equal("1", start.Str("sequenceNumber"));
        Assert.True(Sids.IsValid(start.Str("streamSid"), "MZ"));
        Assert.Equal(call.Sid, start.Body.GetProperty("callSid").GetString());
        Assert.Equal(rig.Twilio.AccountSid, start.Body.GetProperty("accountSid").GetString());
        Assert.Equal(["inbound"], start.Body.GetProperty("tracks").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("42", start.Body.GetProperty("customParameters").GetProperty("payerId").GetString());
        Assert.Equal("7", start.Body.GetProperty("customParameters").GetProperty("callId").GetString());
        var format = start.Body.GetProperty("mediaFormat");
        Assert.Equal("audio/x-mulaw", format.GetProperty("encoding").GetString());
        Assert.Equal(8000, format.GetProperty("sampleRate").GetInt32());
        Assert.Equal(1, format.GetProperty("channels").GetInt32());
        Assert.True(rig.Server.HandshakeSignaturesValid.Single());
    }

    [Fact]
    public async Task Stream_Media_NumbersIncreaseByOneAndFramesArriveEvery20Ms()
    {
        await using var rig = await SimulatorRig.StartAsync(QuickAnswer);
        rig.Server.OnStream = async s =>
        {
            var receive = s.ReceiveUntilClosedAsync();
            await s.WaitForAsync(m => m.Event == "media" && m.Body.GetProperty("chunk").GetString() == "75");
            await s.CloseAsync();
            await receive;
        };
        var call = await rig.PlaceCallAsync();
        var stream = await CallsApiTests.WaitForStreamAsync(rig.Server);
        await call.Completion.WithTimeout();

        var messages = stream.Messages.Where(m => m.Event != "connected").ToList();
        var sequence = messages.Select(m => long.Parse(m.Str("sequenceNumber"))).ToList();
        Assert.Equal(Enumerable.Range(1, sequence.Count).Select(i => (long)i), sequence);

        var media = messages.Where(m => m.Event == "media").ToList();
        Assert.True(media.Count >= 75);
        for (var i = 0; i < media.Count; i++)
        {
            Assert.Equal((i + 1).ToString(), media[i].Body.GetProperty("chunk").GetString());
            Assert.Equal((i * 20).ToString(), media[i].Body.GetProperty("timestamp").GetString());
            Assert.Equal("inbound", media[i].Body.GetProperty("track").GetString());
            Assert.Equal(160, media[i].Body.GetProperty("payload").GetBytesFromBase64().Length);
            Assert.Equal(stream.StreamSid, media[i].Str("streamSid"));
        }
        // Real time, loosely: 74 frame intervals = 1.48 s nominal.
        var elapsed = media[74].AtMs - media[0].AtMs;
        Assert.InRange(elapsed, 1100, 4000);
    }

    [Fact]
    public async Task Stream_AgentAudioThenMark_MarkEchoedWhenPlaybackReachesIt()
    {
        await using var rig = await SimulatorRig.StartAsync(QuickAnswer);
        var oneSecond = SimulatorRig.Tone(1000);
        long sentAt = 0;
        rig.Server.OnStream = async s =>
        {
            var receive = s.ReceiveUntilClosedAsync();
            await s.WaitForEventAsync("start");
            sentAt = s.ElapsedMs;
            for (var offset = 0; offset < oneSecond.Length; offset += 400) await s.SendMediaAsync(oneSecond.AsSpan(offset, 400));
            await s.SendMarkAsync("turn-1");
            await s.WaitForEventAsync("mark");
            await s.CloseAsync();
            await receive;
        };
        var call = await rig.PlaceCallAsync();
        var stream = await CallsApiTests.WaitForStreamAsync(rig.Server);
        await call.Completion.WithTimeout();

        var mark = stream.Events("mark").Single();
        Assert.Equal("turn-1", mark.Body.GetProperty("name").GetString());
        Assert.Equal(stream.StreamSid, mark.Str("streamSid"));
        Assert.True(mark.AtMs - sentAt >= 800, $"mark echoed after {mark.AtMs - sentAt} ms, before 1 s of audio could play");
        Assert.Equal(oneSecond, call.AgentAudio.ReceivedAudio());
        Assert.Equal(oneSecond, call.AgentAudio.PlayedAudio());
        Assert.Contains(call.Events, e => e is MarkEchoed { Name: "turn-1", Cleared: false });
        Assert.Contains(call.Events, e => e is AgentAudioPlayed { DurationMs: >= 900 and <= 1100 });
    }

    [Fact]
    public async Task Stream_Clear_DropsBufferAndEchoesPendingMarksAtOnce()
    {
        await using var rig = await SimulatorRig.StartAsync(QuickAnswer);
        var threeSeconds = SimulatorRig.Tone(3000);
        long clearedAt = 0;
        rig.Server.OnStream = async s =>
        {
            var receive = s.ReceiveUntilClosedAsync();
            await s.WaitForEventAsync("start");
            for (var offset = 0; offset < threeSeconds.Length; offset += 400) await s.SendMediaAsync(threeSeconds.AsSpan(offset, 400));
            await s.SendMarkAsync("long-turn");
            await s.SendMarkAsync("after");
            await Task.Delay(300);
            clearedAt = s.ElapsedMs;
            await s.SendClearAsync();
            await s.WaitForAsync(m => m.Event == "mark" && m.Body.GetProperty("name").GetString() == "after");
            await s.CloseAsync();
            await receive;
        };
        var call = await rig.PlaceCallAsync();
        var stream = await CallsApiTests.WaitForStreamAsync(rig.Server);
        await call.Completion.WithTimeout();

        var marks = stream.Events("mark");
        Assert.Equal(["long-turn", "after"], marks.Select(m => m.Body.GetProperty("name").GetString()));
        Assert.True(marks[0].AtMs - clearedAt < 1500, $"cleared mark came {marks[0].AtMs - clearedAt} ms after clear (3 s of audio were queued)");
        Assert.Equal(threeSeconds.Length, call.AgentAudio.ReceivedBytes);
        Assert.True(call.AgentAudio.PlayedAudio().Length < threeSeconds.Length / 2, "the clear should have dropped most of the audio");
        Assert.Contains(call.Events, e => e is MarkEchoed { Name: "long-turn", Cleared: true });
    }

    [Fact]
    public async Task Stream_CallerSpeaksAndPresses_MediaCarriesClipAndDtmfEventsFollow()
    {
        var clip = SimulatorRig.Tone(200, 1000);
        var script = QuickAnswer.WaitForStream().Say(clip, "hello").PressDigits("4#");
        await using var rig = await SimulatorRig.StartAsync(script);
        rig.Server.OnStream = async s =>
        {
            var receive = s.ReceiveUntilClosedAsync();
            await s.WaitForAsync(m => m.Event == "dtmf" && m.Body.GetProperty("digit").GetString() == "#");
            await s.CloseAsync();
            await receive;
        };
        var call = await rig.PlaceCallAsync();
        var stream = await CallsApiTests.WaitForStreamAsync(rig.Server);
        await call.Completion.WithTimeout();

        var inbound = stream.Events("media").SelectMany(m => m.Body.GetProperty("payload").GetBytesFromBase64()).ToArray();
        Assert.True(inbound.AsSpan().IndexOf(clip) >= 0, "the caller's clip did not arrive intact");
        var digits = stream.Events("dtmf").Select(d => d.Body.GetProperty("digit").GetString()).ToList();
        Assert.Equal(["4", "#"], digits);
        Assert.Equal("inbound_track", stream.Events("dtmf")[0].Body.GetProperty("track").GetString());
    }

    [Fact]
    public async Task Stream_CallerHangsUp_SendsStopAndCallCompletes()
    {
        await using var rig = await SimulatorRig.StartAsync(QuickAnswer.WaitForStream().Pause(300).HangUp());
        var call = await rig.PlaceCallAsync();
        var stream = await CallsApiTests.WaitForStreamAsync(rig.Server);
        await call.Completion.WithTimeout();
        await stream.Ended.WithTimeout();

        var stop = stream.Events("stop").Single();
        Assert.Equal(call.Sid, stop.Body.GetProperty("callSid").GetString());
        Assert.Equal(stream.Events("media").Count + 2, int.Parse(stop.Str("sequenceNumber")));
        Assert.True(stream.ClosedByTwilio);
        Assert.Equal("completed", call.Status);
    }

    [Fact]
    public async Task Stream_HandshakeRefused_ReportsProblemAndEndsCall()
    {
        await using var rig = await SimulatorRig.StartAsync(QuickAnswer);
        rig.Server.AcceptStreams = false;

        var call = await rig.PlaceCallAsync();
        await call.Completion.WithTimeout();

        Assert.Contains(call.Events, e => e is CallProblem { Code: 31920 });
        Assert.Equal("completed", call.Status);
        Assert.True(rig.Server.HandshakeSignaturesValid.Single());
    }

    [Fact]
    public async Task Stream_StatusCallback_StartedThenStoppedSigned()
    {
        await using var rig = await SimulatorRig.StartAsync(QuickAnswer.WaitForStream().Pause(200).HangUp());
        rig.Server.VoiceTwiml = _ => $"""<Response><Connect><Stream url="{rig.Server.StreamUrl}" statusCallback="{rig.Server.Url("/stream-status")}"/></Connect></Response>""";

        var call = await rig.PlaceCallAsync();
        await call.Completion.WithTimeout();

        var callbacks = rig.Server.Requests.Where(r => r.Path == "/stream-status").ToList();
        Assert.Equal(["stream-started", "stream-stopped"], callbacks.Select(c => c.Form["StreamEvent"]));
        Assert.All(callbacks, c => Assert.True(c.SignatureValid));
        Assert.All(callbacks, c => Assert.Equal(call.Sid, c.Form["CallSid"]));
        Assert.True(Sids.IsValid(callbacks[0].Form["StreamSid"], "MZ"));
    }

    [Fact]
    public async Task Stream_BadMessages_ReportedAndStreamGoesOn()
    {
        await using var rig = await SimulatorRig.StartAsync(QuickAnswer);
        rig.Server.OnStream = async s =>
        {
            var receive = s.ReceiveUntilClosedAsync();
            await s.WaitForEventAsync("start");
            await s.SendTextAsync("{not json");
            await s.SendAsync(new { @event = "media", streamSid = "MZwrong", media = new { payload = "AAAA" } });
            await s.SendAsync(new { @event = "dance", streamSid = s.StreamSid });
            await s.SendAsync(new { @event = "media", streamSid = s.StreamSid, media = new { payload = "!!not base64" } });
            await s.SendMarkAsync("still-alive");
            await s.WaitForEventAsync("mark");
            await s.CloseAsync();
            await receive;
        };
        var call = await rig.PlaceCallAsync();
        await call.Completion.WithTimeout();

        Assert.Equal(4, call.Events.OfType<CallProblem>().Count(p => p.Code == 31951));
        Assert.Contains(call.Events, e => e is MarkEchoed { Name: "still-alive" });
        Assert.Equal(0, call.AgentAudio.ReceivedBytes);
    }
}
