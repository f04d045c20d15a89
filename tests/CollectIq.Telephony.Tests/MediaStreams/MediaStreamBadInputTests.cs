using System.Net.WebSockets;
using System.Text;
using CollectIq.Telephony.MediaStreams;
using CollectIq.Telephony.MediaStreams.Echo;
using CollectIq.Telephony.Tests.Infrastructure;

namespace CollectIq.Telephony.Tests.MediaStreams;

/// <summary>Every kind of bad input: recorded as a call event, then ignored or closed with a reason; never a crash, never another call's problem.</summary>
public sealed class MediaStreamBadInputTests : IAsyncLifetime
{
    private const string Sid = "MZ00000000000000000000000000000001";
    private const string CallSid = "CA00000000000000000000000000000001";
    private const int CallId = 7;
    private MediaStreamTestHost _host = null!;

    public async Task InitializeAsync() => _host = await MediaStreamTestHost.StartAsync(new()
    {
        ["MediaStreams:MaxMessageBytes"] = "2048",
        ["MediaStreams:MaxErrorEventsPerStream"] = "5",
        ["MediaStreams:Echo:ToneMs"] = "40",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<TwilioStreamClient> StartedAsync(string sid = Sid, string callSid = CallSid, int callId = CallId)
    {
        var client = await _host.ConnectAsync();
        await client.SendConnectedAsync();
        await client.SendStartAsync(sid, callSid, callId, 42);
        await client.WaitForMarkAsync(EchoToneOptions.ToneMark);
        return client;
    }

    /// <summary>Messages are handled in order: once this digit is recorded, everything sent before it was handled, and the loop is alive.</summary>
    private async Task AssertStillServingAsync(TwilioStreamClient client, char digit = '5', int callId = CallId)
    {
        await client.SendDtmfAsync(digit);
        await _host.Recorder.WaitForAsync(e => e.CallId == callId && e.Type == MediaStreamEventTypes.Dtmf && e.Detail == digit.ToString());
        Assert.Equal(WebSocketState.Open, client.State);
    }

    private Task<InMemoryCallRecorder.RecordedEvent> ErrorAsync(string kind, int callId = CallId) =>
        _host.Recorder.WaitForAsync(e => e.CallId == callId && e.Type == MediaStreamEventTypes.Error && e.Detail!.StartsWith(kind + ":"));

    [Theory]
    [InlineData("{\"event\":\"media\",", MediaStreamErrorKinds.MalformedJson)]
    [InlineData("hello twilio", MediaStreamErrorKinds.MalformedJson)]
    [InlineData("{\"streamSid\":\"MZ1\"}", MediaStreamErrorKinds.MissingEvent)]
    [InlineData("{\"event\":\"transcription\",\"streamSid\":\"MZ00000000000000000000000000000001\"}", MediaStreamErrorKinds.UnknownEvent)]
    [InlineData("{\"event\":\"dtmf\",\"streamSid\":\"MZ00000000000000000000000000000001\",\"dtmf\":{\"digit\":\"12\"}}", MediaStreamErrorKinds.InvalidField)]
    public async Task BadMessage_AfterStart_RecordedAndIgnored(string message, string kind)
    {
        await using var client = await StartedAsync();

        await client.SendAsync(message);

        await ErrorAsync(kind);
        await AssertStillServingAsync(client);
    }

    [Fact]
    public async Task InvalidBase64_Recorded_FrameDroppedStreamSurvives()
    {
        await using var client = await StartedAsync();

        await client.SendAsync($$$"""{"event":"media","streamSid":"{{{Sid}}}","media":{"track":"inbound","chunk":"1","timestamp":"0","payload":"not*base64!"}}""");

        await ErrorAsync(MediaStreamErrorKinds.InvalidBase64);
        await AssertStillServingAsync(client);
        Assert.Equal(0, _host.Echo.ForCall(CallSid)!.FramesHeard);
    }

    [Fact]
    public async Task WrongStreamSid_Recorded_OnlyOwnFramesReachTheAgent()
    {
        await using var client = await StartedAsync();

        await client.SendMediaAsync(new byte[160], streamSid: "MZ99999999999999999999999999999999");
        await client.SendMediaAsync(new byte[160]);

        var error = await ErrorAsync(MediaStreamErrorKinds.WrongStreamSid);
        Assert.Contains("MZ99999999999999999999999999999999", error.Detail);
        await AssertStillServingAsync(client);
        Assert.Equal(1, _host.Echo.ForCall(CallSid)!.FramesHeard);
    }

    [Fact]
    public async Task MediaBeforeStart_RecordedUnderTheCallOnceStarted()
    {
        await using var client = await _host.ConnectAsync();
        await client.SendConnectedAsync();
        await client.SendMediaAsync(new byte[160], streamSid: Sid);
        await client.SendDtmfAsync('1');
        await client.SendStartAsync(Sid, CallSid, CallId, 42);

        await ErrorAsync(MediaStreamErrorKinds.MediaBeforeStart);
        await ErrorAsync(MediaStreamErrorKinds.EventBeforeStart);
        await AssertStillServingAsync(client);
        Assert.Equal(0, _host.Echo.ForCall(CallSid)!.FramesHeard);
    }

    [Fact]
    public async Task BinaryFrame_Recorded_StreamSurvives()
    {
        await using var client = await StartedAsync();

        await client.SendAsync(new byte[160], WebSocketMessageType.Binary);

        await ErrorAsync(MediaStreamErrorKinds.BinaryFrame);
        await AssertStillServingAsync(client);
    }

    [Fact]
    public async Task SecondStart_RecordedAndIgnored()
    {
        await using var client = await StartedAsync();

        await client.SendStartAsync(Sid, CallSid, CallId, 42);

        await ErrorAsync(MediaStreamErrorKinds.DuplicateStart);
        await AssertStillServingAsync(client);
    }

    [Fact]
    public async Task OversizedMessage_ClosesWith1009AndReason()
    {
        await using var client = await StartedAsync();

        await client.SendAsync($$$"""{"event":"media","streamSid":"{{{Sid}}}","media":{"payload":"{{{new string('A', 4000)}}}"}}""");
        await client.WaitForCloseAsync();

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, client.CloseStatus);
        Assert.Equal("message larger than 2048 bytes", client.CloseDescription);
        await ErrorAsync(MediaStreamErrorKinds.MessageTooLarge);
        await _host.Recorder.WaitForAsync(e => e.Type == MediaStreamEventTypes.StreamEnded && e.Detail!.Contains("ProtocolError"));
        var handler = _host.Echo.ForCall(CallSid)!;
        Assert.Equal(1, handler.StopCount);
        Assert.Equal(StreamEndReason.ProtocolError, handler.StopReason);
    }

    [Fact]
    public async Task StartForUnknownPayer_ClosedWithReasonAndRecorded()
    {
        await using var client = await _host.ConnectAsync();
        await client.SendConnectedAsync();
        await client.SendStartAsync(Sid, CallSid, CallId, "unknown");
        await client.WaitForCloseAsync();

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
        Assert.Equal("start rejected: unknown payer", client.CloseDescription);
        var rejected = await _host.Recorder.WaitForAsync(e => e.Type == MediaStreamEventTypes.StartRejected);
        Assert.Equal(0, rejected.CallId); // no call to attach it to
        Assert.Contains(CallSid, rejected.Detail);
        Assert.Null(_host.Echo.ForCall(CallSid));
    }

    [Fact]
    public async Task ResolverThrows_ClosedWithReason()
    {
        _host.Resolver.Resolve = (_, _, _) => throw new InvalidOperationException("database down");
        await using var client = await _host.ConnectAsync();
        await client.SendStartAsync(Sid, CallSid, CallId, 42);
        await client.WaitForCloseAsync();

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
        Assert.Contains("could not be looked up", client.CloseDescription);
    }

    [Fact]
    public async Task StartWithLinearPcm_ClosedWithReason()
    {
        await using var client = await _host.ConnectAsync();
        await client.SendStartAsync(Sid, CallSid, CallId, 42, encoding: "audio/l16");
        await client.WaitForCloseAsync();

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
        Assert.Contains("audio/l16", client.CloseDescription);
    }

    [Fact]
    public async Task NoStart_ClosedAfterStartTimeout()
    {
        await using var host = await MediaStreamTestHost.StartAsync(new() { ["MediaStreams:StartTimeout"] = "00:00:01" });
        await using var client = await host.ConnectAsync();
        await client.SendConnectedAsync();

        await client.WaitForCloseAsync();

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
        Assert.Equal("no start message within 1 s", client.CloseDescription);
        await host.Recorder.WaitForAsync(e => e.CallId == 0 && e.Detail!.StartsWith(MediaStreamErrorKinds.StartTimeout));
    }

    [Fact]
    public async Task ErrorFlood_RecordsOnlyTheLimitThenOneSuppressionNote()
    {
        await using var client = await StartedAsync();

        for (var i = 0; i < 50; i++) await client.SendAsync("garbage " + i);

        await AssertStillServingAsync(client);
        await ErrorAsync(MediaStreamErrorKinds.ErrorsSuppressed);
        var errors = _host.Recorder.For(CallId).Where(e => e.Type == MediaStreamEventTypes.Error).ToList();
        Assert.Equal(5 + 1, errors.Count);
    }

    [Fact]
    public async Task RecorderAlwaysFails_StreamStillWorksAndStopsOnce()
    {
        var attempts = 0;
        _host.Recorder.OnRecordEvent = (_, _, _) =>
        {
            Interlocked.Increment(ref attempts);
            throw new InvalidOperationException("database down");
        };
        await using var client = await StartedAsync();
        var handler = _host.Echo.ForCall(CallSid)!;
        for (var i = 0; i < 500 && !handler.MarksHeard.Contains("tone"); i++) await Task.Delay(20);
        Assert.Contains("tone", handler.MarksHeard); // the echoed mark still reached the agent

        await client.SendDtmfAsync('#');
        await client.WaitForCloseAsync();

        for (var i = 0; i < 500 && handler.StopCount == 0; i++) await Task.Delay(20);
        Assert.Equal(1, handler.StopCount);
        Assert.True(attempts >= 3, $"the recorder was tried {attempts} times");
        Assert.Empty(_host.Recorder.Events);
    }

    [Fact]
    public async Task RecorderHangs_StreamIsNotStalled()
    {
        var never = new TaskCompletionSource();
        _host.Recorder.OnRecordEvent = (_, _, _) => never.Task;
        await using var client = await StartedAsync();

        // The tone and its mark arrived although no event could be written; echo keeps flowing.
        await client.SendAudioRealTimeAsync(MuLawTone.Tone(440, 200));
        await client.SendAudioRealTimeAsync(Enumerable.Repeat((byte)0xFF, 400 * 8).ToArray());
        await client.WaitForMarkAsync("echo-1");
        never.SetResult();
    }

    [Fact]
    public async Task BadStream_ClosedForOversize_DoesNotDisturbAnotherStream()
    {
        await using var good = await StartedAsync("MZgood00000000000000000000000000gd", "CAgood", 1);
        await using var bad = await StartedAsync("MZbad000000000000000000000000000bd", "CAbad", 2);

        await bad.SendAsync(new string('x', 5000));
        await bad.WaitForCloseAsync();
        await bad.SendAsync("late").ContinueWith(_ => { }); // the closed socket refuses; nothing else happens

        await AssertStillServingAsync(good, '9', callId: 1);
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, bad.CloseStatus);
        Assert.DoesNotContain(_host.Recorder.For(1), e => e.Type == MediaStreamEventTypes.Error);
        Assert.Equal(0, _host.Echo.ForCall("CAgood")!.StopCount);
    }
}
