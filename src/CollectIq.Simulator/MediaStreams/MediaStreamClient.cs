using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using CollectIq.Simulator.Calls;
using CollectIq.Simulator.TwiML;
using CollectIq.Telephony.Twilio;

namespace CollectIq.Simulator.MediaStreams;

/// <summary>
/// Twilio's side of one bidirectional media stream: opens the signed WebSocket to the
/// <c>&lt;Stream url&gt;</c>, sends connected/start, then one inbound 20 ms frame per tick in real
/// time (absolute deadlines, so it does not drift), plays the agent's audio out at the same pace,
/// echoes marks when playback reaches them and at once on clear. One receive loop, one send loop.
/// </summary>
internal sealed class MediaStreamClient
{
    private const int MaxMessageBytes = 1 << 20;
    private const int FramesBetweenDigits = 5; // 100 ms between key presses
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(2);

    private readonly SimulatedCall call;
    private readonly ConnectStreamVerb verb;
    private readonly FakeTwilioContext context;
    private readonly string streamSid = Sids.New("MZ");
    private readonly PlayoutBuffer playout = new();
    private readonly Channel<string> clearedMarks = Channel.CreateUnbounded<string>(new() { SingleReader = true });
    private readonly TwilioStreamMessages messages;
    private readonly StreamStatusCallback statusCallback;
    private long streamStart;
    private long sequence;
    private long? utteranceStartMs;

    public MediaStreamClient(SimulatedCall call, ConnectStreamVerb verb, FakeTwilioContext context)
    {
        this.call = call;
        this.verb = verb;
        this.context = context;
        messages = new TwilioStreamMessages(streamSid);
        statusCallback = new StreamStatusCallback(call, context, verb.StatusCallback, streamSid);
    }

    public string StreamSid => streamSid;

    public async Task<StreamOutcome> RunAsync(CancellationToken callEnded)
    {
        using var socket = new ClientWebSocket();
        // Twilio signs the handshake over the stream URL exactly as written in the TwiML, with no parameters.
        socket.Options.SetRequestHeader(WebhookClient.SignatureHeader, TwilioSignature.Compute(context.AuthToken, verb.StreamUrl));
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        try
        {
            using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(callEnded);
            connectTimeout.CancelAfter(context.Options.StreamConnectTimeout);
            await socket.ConnectAsync(new Uri(verb.StreamUrl), connectTimeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or HttpRequestException)
        {
            if (callEnded.IsCancellationRequested) return StreamOutcome.CallEnded;
            var code = e is OperationCanceledException ? 31901 : 31920;
            context.Problem(call, code, $"Stream - WebSocket - handshake with {verb.StreamUrl} failed: {e.Message}");
            statusCallback.Post("stream-error", $"{code}: {e.Message}");
            await statusCallback.DrainAsync().ConfigureAwait(false);
            return StreamOutcome.ConnectFailed;
        }

        call.Append(new StreamStarted(call.Sid, call.Now, streamSid, verb.StreamUrl));
        statusCallback.Post("stream-started");
        call.Line.AttachSink();
        var reason = "closed";
        try
        {
            await SendAsync(socket, messages.Connected(), CancellationToken.None).ConfigureAwait(false);
            await SendAsync(socket, messages.Start(++sequence, call.AccountSid, call.Sid, verb.Parameters), CancellationToken.None).ConfigureAwait(false);
            streamStart = context.Time.GetTimestamp();

            using var receiveEnded = new CancellationTokenSource();
            using var sendStop = CancellationTokenSource.CreateLinkedTokenSource(callEnded, receiveEnded.Token);
            var receive = ReceiveLoopAsync(socket);
            var send = SendLoopAsync(socket, callEnded, sendStop.Token);
            var first = await Task.WhenAny(receive, send).ConfigureAwait(false);

            if (first == receive)
            {
                receiveEnded.Cancel();
                await send.ConfigureAwait(false);
                var outcome = await receive.ConfigureAwait(false);
                reason = outcome == StreamOutcome.ServerClosed ? $"server closed ({socket.CloseStatus}{Describe(socket.CloseStatusDescription)})" : "socket broke";
                if (socket.State == WebSocketState.CloseReceived)
                    await TryAsync(() => socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None)).ConfigureAwait(false);
                return callEnded.IsCancellationRequested ? StreamOutcome.CallEnded : outcome;
            }

            // The call ended: stop was sent; close our side and give the server a moment to close its side.
            await send.ConfigureAwait(false);
            reason = call.EndReason ?? "call ended";
            await TryAsync(() => socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "call ended", CancellationToken.None)).ConfigureAwait(false);
            if (await Task.WhenAny(receive, Task.Delay(CloseHandshakeTimeout, context.Time)).ConfigureAwait(false) != receive) socket.Abort();
            return StreamOutcome.CallEnded;
        }
        catch (Exception e) when (e is WebSocketException or IOException)
        {
            reason = $"socket broke: {e.Message}";
            return callEnded.IsCancellationRequested ? StreamOutcome.CallEnded : StreamOutcome.Broken;
        }
        finally
        {
            call.Line.DetachSink();
            call.Line.ReportAgentAudible(false);
            FlushUtterance(CurrentStreamMs());
            call.Append(new StreamEnded(call.Sid, call.Now, streamSid, reason));
            statusCallback.Post("stream-stopped");
            await statusCallback.DrainAsync().ConfigureAwait(false);
        }
    }

    private async Task SendLoopAsync(WebSocket socket, CancellationToken callEnded, CancellationToken stop)
    {
        var frame = new byte[CallLine.FrameBytes];
        var played = new byte[CallLine.FrameBytes];
        var reached = new List<string>();
        var ticksPerFrame = (long)(context.Time.TimestampFrequency * CallLine.FrameDuration.TotalSeconds);
        var clock = streamStart;
        long frameIndex = 0, lastDigitFrame = -FramesBetweenDigits;
        Task<bool>? clearedReady = null;

        while (true)
        {
            if (stop.IsCancellationRequested)
            {
                if (callEnded.IsCancellationRequested && socket.State == WebSocketState.Open)
                    await SendAsync(socket, messages.Stop(++sequence, call.AccountSid, call.Sid), CancellationToken.None).ConfigureAwait(false);
                return;
            }

            // Urgent: marks flushed by a clear go back at once, not at the next frame.
            while (clearedMarks.Reader.TryRead(out var cleared))
            {
                await SendAsync(socket, messages.Mark(++sequence, cleared), CancellationToken.None).ConfigureAwait(false);
                call.Append(new MarkEchoed(call.Sid, call.Now, cleared, Cleared: true));
            }

            var due = clock + frameIndex * ticksPerFrame;
            var now = context.Time.GetTimestamp();
            if (now >= due)
            {
                var streamMs = frameIndex * 20;
                call.Line.ReadFrame(frame);
                await SendAsync(socket, messages.Media(++sequence, frameIndex + 1, streamMs, frame), CancellationToken.None).ConfigureAwait(false);

                reached.Clear();
                var playedBytes = playout.PlayFrame(played, reached);
                TrackAgentAudio(streamMs, played.AsSpan(0, playedBytes));
                foreach (var mark in reached)
                {
                    await SendAsync(socket, messages.Mark(++sequence, mark), CancellationToken.None).ConfigureAwait(false);
                    call.Append(new MarkEchoed(call.Sid, call.Now, mark, Cleared: false));
                }

                if (frameIndex - lastDigitFrame >= FramesBetweenDigits && call.Line.TryReadDigit(out var digit))
                {
                    await SendAsync(socket, messages.Dtmf(++sequence, digit), CancellationToken.None).ConfigureAwait(false);
                    lastDigitFrame = frameIndex;
                }

                frameIndex++;
                // After a stall (GC, loaded machine) resume the cadence instead of bursting the backlog.
                // timestamp stays chunk × 20 ms: the audio's own time line, gapless like the audio itself.
                if (now - due > 10 * ticksPerFrame) clock = now - frameIndex * ticksPerFrame + ticksPerFrame;
                continue;
            }

            clearedReady ??= clearedMarks.Reader.WaitToReadAsync(stop).AsTask();
            var delay = Task.Delay(TimeSpan.FromSeconds((due - now) / (double)context.Time.TimestampFrequency), context.Time, stop);
            await Task.WhenAny(delay, clearedReady).ConfigureAwait(false);
            if (clearedReady.IsCompleted) clearedReady = null;
        }
    }

    private async Task<StreamOutcome> ReceiveLoopAsync(WebSocket socket)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var message = new ArrayBufferWriter<byte>(16 * 1024);
        var oversized = false;
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(chunk.AsMemory(), CancellationToken.None).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close) return StreamOutcome.ServerClosed;
                if (!oversized && message.WrittenCount + result.Count <= MaxMessageBytes) message.Write(chunk.AsSpan(0, result.Count));
                else oversized = true;
                if (!result.EndOfMessage) continue;

                if (oversized) context.Problem(call, 31951, $"Stream - message larger than {MaxMessageBytes} bytes ignored.");
                else if (result.MessageType == WebSocketMessageType.Binary) context.Problem(call, 31950, "Stream - binary frame ignored: send text (JSON) frames only.");
                else Handle(message.WrittenSpan);
                message.ResetWrittenCount();
                oversized = false;
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            return socket.State == WebSocketState.CloseReceived ? StreamOutcome.ServerClosed : StreamOutcome.Broken;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private void Handle(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            var kind = root.TryGetProperty("event", out var e) ? e.GetString() : null;
            var sid = root.TryGetProperty("streamSid", out var s) ? s.GetString() : null;
            if (sid != streamSid)
            {
                context.Problem(call, 31951, $"Stream - '{kind}' message with streamSid '{sid}' ignored (expected {streamSid}).");
                return;
            }
            switch (kind)
            {
                case "media":
                    var audio = root.GetProperty("media").GetProperty("payload").GetBytesFromBase64();
                    call.AgentAudio.AddReceived(new ReceivedAgentMedia(streamSid, CurrentStreamMs(), audio));
                    playout.EnqueueAudio(audio);
                    break;
                case "mark":
                    playout.EnqueueMark(root.GetProperty("mark").GetProperty("name").GetString() ?? "");
                    break;
                case "clear":
                    call.Append(new AgentCleared(call.Sid, call.Now, CurrentStreamMs()));
                    foreach (var mark in playout.Clear()) clearedMarks.Writer.TryWrite(mark);
                    break;
                default:
                    context.Problem(call, 31951, $"Stream - unknown event '{kind}' ignored.");
                    break;
            }
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            context.Problem(call, 31951, $"Stream - malformed message ignored: {ex.Message}");
        }
    }

    private void TrackAgentAudio(long streamMs, ReadOnlySpan<byte> played)
    {
        var audible = played.Length > 0;
        call.Line.ReportAgentAudible(audible);
        if (audible)
        {
            call.AgentAudio.AddPlayed(new PlayedAgentFrame(streamSid, streamMs, played.ToArray()));
            utteranceStartMs ??= streamMs;
        }
        else FlushUtterance(streamMs);
    }

    private void FlushUtterance(long streamMs)
    {
        if (utteranceStartMs is not { } start) return;
        utteranceStartMs = null;
        call.Append(new AgentAudioPlayed(call.Sid, call.Now, start, (int)(streamMs - start)));
    }

    private long CurrentStreamMs() => streamStart == 0 ? 0 : (long)context.Time.GetElapsedTime(streamStart).TotalMilliseconds;

    private static ValueTask SendAsync(WebSocket socket, ReadOnlyMemory<byte> message, CancellationToken cancellationToken) =>
        socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    private static async Task TryAsync(Func<Task> action)
    {
        try { await action().ConfigureAwait(false); }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException) { }
    }

    private static string Describe(string? description) => string.IsNullOrEmpty(description) ? "" : ": " + description;
}
