using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using CollectIq.Telephony.MediaStreams;
using CollectIq.Telephony.MediaStreams.Echo;

namespace CollectIq.Telephony.Tests.MediaStreams;

/// <summary>Whole sessions through real Kestrel and real ClientWebSockets, with the echo agent.</summary>
public sealed class MediaStreamSessionTests : IAsyncLifetime
{
    private const string Sid = "MZ00000000000000000000000000000001";
    private const string CallSid = "CA00000000000000000000000000000001";
    private MediaStreamTestHost _host = null!;

    public async Task InitializeAsync() => _host = await MediaStreamTestHost.StartAsync();
    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static byte[] Speech(int ms, int hz = 440) => MuLawTone.Tone(hz, ms, 8000);
    private static byte[] Silence(int ms) => Enumerable.Repeat((byte)0xFF, ms * 8).ToArray();

    private async Task<TwilioStreamClient> StartStreamAsync(MediaStreamTestHost host, string sid = Sid, string callSid = CallSid, int callId = 7)
    {
        var client = await host.ConnectAsync();
        await client.SendConnectedAsync();
        await client.SendStartAsync(sid, callSid, callId, 42);
        await client.WaitForMarkAsync(EchoToneOptions.ToneMark);
        return client;
    }

    private static async Task<T> Eventually<T>(Func<T?> probe, string what) where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (probe() is { } value) return value;
            await Task.Delay(20);
        }
        throw new TimeoutException(what);
    }

    private static async Task EventuallyTrue(Func<bool> probe, string what)
    {
        await Eventually(() => probe() ? "" : null, what);
    }

    [Fact]
    public async Task Stream_FullProtocolWithEchoAgent_EchoesPacedAudioAndMarksThenStopsOnce()
    {
        await using var client = await _host.ConnectAsync();
        await client.SendConnectedAsync();
        await client.SendStartAsync(Sid, CallSid, 7, 42);

        // Greeting tone, then its mark, all for our stream.
        await client.WaitForMarkAsync(EchoToneOptions.ToneMark);
        var tone = client.All.Where(r => r.Event == "media").ToList();
        Assert.Equal(200 * 8, tone.Sum(r => r.Audio!.Length));
        Assert.All(client.All, r => Assert.Equal(Sid, r.StreamSid));

        // Say something for 1 s, then silence until the agent notices the end of the utterance.
        var speech = Speech(1000);
        await client.SendAudioRealTimeAsync(speech);
        var silenceSent = Task.Run(() => client.SendAudioRealTimeAsync(Silence(600)));
        await client.WaitForMarkAsync(EchoToneOptions.EchoMarkPrefix + "1");
        await silenceSent;

        var echo = client.All.Where(r => r.Event == "media").Skip(tone.Count).ToList();
        var echoed = echo.SelectMany(r => r.Audio!).ToArray();
        Assert.Equal(speech, echoed.Take(speech.Length).ToArray());
        Assert.All(echoed.Skip(speech.Length), b => Assert.Equal(0xFF, b)); // trailing silence of the utterance
        Assert.All(echo, r => Assert.InRange(r.Audio!.Length, 1, 60 * 8)); // chunked, ≤ 60 ms per message
        // Paced in real time: ~1.3 s of audio may not arrive faster than its length minus the lead.
        var span = Stopwatch.GetElapsedTime(echo[0].AtTimestamp, echo[^1].AtTimestamp);
        Assert.True(span >= TimeSpan.FromMilliseconds(echoed.Length / 8 - 160 - 60 - 100), $"echo of {echoed.Length / 8} ms arrived within {span.TotalMilliseconds} ms");

        var handler = _host.Echo.ForCall(CallSid)!;
        await EventuallyTrue(() => handler.MarksHeard.Contains("echo-1"), "the agent hears the echoed mark");
        Assert.Equal(["tone", "echo-1"], handler.MarksHeard);

        await client.SendStopAsync();
        await client.WaitForCloseAsync();
        Assert.Equal(WebSocketCloseStatus.NormalClosure, client.CloseStatus);
        await EventuallyTrue(() => handler.StopCount == 1, "OnStopAsync called");
        Assert.Equal(StreamEndReason.Stopped, handler.StopReason);
        await _host.Recorder.WaitForAsync(e => e.Type == MediaStreamEventTypes.StreamEnded);
        Assert.Equal(1, handler.StopCount);

        var events = _host.Recorder.For(7).Select(e => e.Type).ToList();
        Assert.Equal(
            [MediaStreamEventTypes.Start, MediaStreamEventTypes.Mark, MediaStreamEventTypes.Mark, MediaStreamEventTypes.Stop, MediaStreamEventTypes.StreamEnded],
            events);
        Assert.Contains(_host.Recorder.AttachedStreams, a => a == (7, Sid, CallSid));
        Assert.DoesNotContain(_host.Recorder.Events, e => e.Type == MediaStreamEventTypes.Error);
    }

    [Fact]
    public async Task Clear_WhileLongAudioQueued_SendsClearAtOnceDropsAudioAndStillEchoesMark()
    {
        await using var host = await MediaStreamTestHost.StartAsync(new() { ["MediaStreams:Echo:ToneMs"] = "5000" });
        await using var client = await host.ConnectAsync();
        await client.SendConnectedAsync();
        await client.SendStartAsync(Sid, CallSid, 7, 42);
        await client.WaitForAsync(r => r.Event == "media");

        await client.SendDtmfAsync('*'); // the echo agent clears on '*'
        await client.WaitForAsync(r => r.Event == "clear");
        await client.WaitForMarkAsync(EchoToneOptions.ToneMark);

        var all = client.All.ToList();
        var clearAt = all.FindIndex(r => r.Event == "clear");
        var audioBeforeClear = all.Take(clearAt).Where(r => r.Event == "media").Sum(r => r.Audio!.Length);
        Assert.True(audioBeforeClear < 4000 * 8, $"{audioBeforeClear / 8} ms of 5000 ms were sent before the clear");
        Assert.DoesNotContain(all.Skip(clearAt), r => r.Event == "media");
        Assert.True(all.FindIndex(r => r.Event == "mark") > clearAt, "the tone's mark comes after the clear");
        await host.Recorder.WaitForAsync(e => e.Type == MediaStreamEventTypes.Clear && e.CallId == 7);
        await host.Recorder.WaitForAsync(e => e.Type == MediaStreamEventTypes.Dtmf && e.Detail == "*");
    }

    [Fact]
    public async Task HangUp_ByAgent_ClosesWithReasonAndStopsOnceAsHungUp()
    {
        await using var client = await StartStreamAsync(_host);

        await client.SendDtmfAsync('#'); // the echo agent hangs up on '#'
        await client.WaitForCloseAsync();

        Assert.Equal(WebSocketCloseStatus.NormalClosure, client.CloseStatus);
        Assert.Equal("caller pressed #", client.CloseDescription);
        var handler = _host.Echo.ForCall(CallSid)!;
        await EventuallyTrue(() => handler.StopCount == 1, "stopped");
        Assert.Equal(StreamEndReason.HungUp, handler.StopReason);
        await _host.Recorder.WaitForAsync(e => e.Type == MediaStreamEventTypes.HangUp && e.Detail == "caller pressed #");
    }

    [Fact]
    public async Task TryEnd_CallEndedByStatusCallback_ClosesStream()
    {
        await using var client = await StartStreamAsync(_host);
        Assert.Equal(1, _host.Sessions.StartedCount);

        Assert.True(_host.Sessions.TryEnd(CallSid, StreamEndReason.HungUp, "call completed"));
        await client.WaitForCloseAsync();

        Assert.Equal("call completed", client.CloseDescription);
        await EventuallyTrue(() => _host.Sessions.StartedCount == 0, "unregistered");
        Assert.False(_host.Sessions.TryEnd(CallSid, StreamEndReason.HungUp, "again"));
    }

    [Fact]
    public async Task SocketDroppedWithoutStop_StopsHandlerExactlyOnceAsSocketClosed()
    {
        var client = await StartStreamAsync(_host);
        await client.SendMediaAsync(Speech(20));

        client.Abort();
        await client.DisposeAsync();

        var handler = _host.Echo.ForCall(CallSid)!;
        await _host.Recorder.WaitForAsync(e => e.Type == MediaStreamEventTypes.StreamEnded && e.CallId == 7);
        Assert.Equal(1, handler.StopCount);
        Assert.Equal(StreamEndReason.SocketClosed, handler.StopReason);
        Assert.Contains("reason=SocketClosed", _host.Recorder.For(7).Single(e => e.Type == MediaStreamEventTypes.StreamEnded).Detail);
    }

    [Fact]
    public async Task StopThenPeerClose_StopsHandlerExactlyOnce()
    {
        await using var client = await StartStreamAsync(_host);
        client.EchoMarks = false;

        await client.SendStopAsync();
        await client.SendStopAsync(); // a duplicate must not stop twice (ignored once closing)
        await client.WaitForCloseAsync();

        await _host.Recorder.WaitForAsync(e => e.Type == MediaStreamEventTypes.StreamEnded);
        var handler = _host.Echo.ForCall(CallSid)!;
        Assert.Equal(1, handler.StopCount);
        Assert.Single(_host.Recorder.Events, e => e.Type == MediaStreamEventTypes.Stop);
    }

    [Fact]
    public async Task Shutdown_OpenStream_ClosesGoingAwayAndStopsAsShutdown()
    {
        var host = await MediaStreamTestHost.StartAsync();
        await using var client = await StartStreamAsync(host);
        var handler = host.Echo.ForCall(CallSid)!;
        var recorder = host.Recorder;

        await host.DisposeAsync();
        await client.WaitForCloseAsync();

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, client.CloseStatus);
        Assert.Equal(1, handler.StopCount);
        Assert.Equal(StreamEndReason.Shutdown, handler.StopReason);
        Assert.Contains(recorder.Events, e => e.Type == MediaStreamEventTypes.StreamEnded && e.Detail!.Contains("Shutdown"));
    }

    [Fact]
    public async Task TwoConcurrentStreams_EachHearsOnlyItsOwnEcho()
    {
        await using var a = await StartStreamAsync(_host, "MZaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 1);
        await using var b = await StartStreamAsync(_host, "MZbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "CAbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", 2);
        var speechA = Speech(400, 440);
        var speechB = Speech(400, 1300);
        Assert.NotEqual(speechA, speechB);

        await Task.WhenAll(
            Task.Run(async () => { await a.SendAudioRealTimeAsync(speechA); await a.SendAudioRealTimeAsync(Silence(400)); }),
            Task.Run(async () => { await b.SendAudioRealTimeAsync(speechB); await b.SendAudioRealTimeAsync(Silence(400)); }));
        await a.WaitForMarkAsync("echo-1");
        await b.WaitForMarkAsync("echo-1");

        static byte[] Echo(TwilioStreamClient c) =>
            c.All.SkipWhile(r => r.MarkName != "tone").Where(r => r.Event == "media").SelectMany(r => r.Audio!).ToArray();
        Assert.Equal(speechA, Echo(a).Take(speechA.Length).ToArray());
        Assert.Equal(speechB, Echo(b).Take(speechB.Length).ToArray());
        Assert.All(a.All, r => Assert.Equal("MZaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", r.StreamSid));
        Assert.All(b.All, r => Assert.Equal("MZbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", r.StreamSid));
        await _host.Recorder.WaitForAsync(e => e.CallId == 1 && e.Detail == "echo-1");
        await _host.Recorder.WaitForAsync(e => e.CallId == 2 && e.Detail == "echo-1");
        Assert.Equal(["tone", "echo-1"], _host.Echo.ForCall("CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")!.MarksHeard);
        Assert.Equal(["tone", "echo-1"], _host.Echo.ForCall("CAbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")!.MarksHeard);
    }
}
