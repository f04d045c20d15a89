using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using CollectIq.Domain.Calls;
using CollectIq.Telephony.MediaStreams.Protocol;
using Microsoft.Extensions.Logging;

namespace CollectIq.Telephony.MediaStreams;

/// <summary>
/// One Twilio media stream on one WebSocket. Kestrel style: ONE receive loop (parses, enforces
/// limits, calls the <see cref="IMediaStreamHandler"/> in protocol order) and ONE send loop (the
/// <see cref="OutboundPacer"/>). Whichever loop fails completes its side so the other cannot hang;
/// bad input is recorded and ignored or answered with a close carrying the reason; nothing thrown
/// here escapes, and nothing here is shared with other sessions.
/// </summary>
public sealed partial class MediaStreamSession
{
    private const int NoReason = -1;

    private readonly WebSocket _socket;
    private readonly MediaStreamOptions _options;
    private readonly IMediaStreamCallResolver _resolver;
    private readonly IMediaStreamHandlerFactory _handlerFactory;
    private readonly ICallRecorder _recorder;
    private readonly MediaStreamSessionRegistry _registry;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly OutboundPacer _pacer;
    private readonly InboundMessageParser _parser = new();
    private readonly InboundMessage _message = new();
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Lock _gate = new();

    private volatile SessionState _state = SessionState.AwaitingStart;
    private byte[] _expectedStreamSid = [];
    private IMediaStreamHandler? _handler;
    private int _endReason = NoReason;
    private CloseRequest? _closeRequest;
    private ITimer? _abortTimer;
    private int _handlerStopped;
    private int _errorEvents;
    private int? _callId;
    private List<(string Type, string? Detail)>? _eventsBeforeCall;
    private Task _recordChain = Task.CompletedTask;
    private long _frames;

    public MediaStreamSession(
        WebSocket socket,
        MediaStreamOptions options,
        IMediaStreamCallResolver resolver,
        IMediaStreamHandlerFactory handlerFactory,
        ICallRecorder recorder,
        MediaStreamSessionRegistry registry,
        TimeProvider time,
        ILogger<MediaStreamSession> logger)
    {
        _socket = socket;
        _options = options;
        _resolver = resolver;
        _handlerFactory = handlerFactory;
        _recorder = recorder;
        _registry = registry;
        _time = time;
        _logger = logger;
        _pacer = new OutboundPacer(options, time, HangUpFromHandlerAsync, Record);
    }

    public string? StreamSid { get; private set; }
    public string? CallSid { get; private set; }
    public int? CallId => _callId;
    public MediaStreamContext? Context { get; private set; }
    /// <summary>The send side (also handed to the handler); exposes playout position.</summary>
    public OutboundPacer Outbound => _pacer;
    /// <summary>Known once the session has decided how it ends.</summary>
    public StreamEndReason? EndReason => _endReason == NoReason ? null : (StreamEndReason)_endReason;

    /// <summary>Runs both loops until the stream ends; never throws. Returns why it ended.</summary>
    public async Task<StreamEndReason> RunAsync(CancellationToken shutdown)
    {
        _registry.Opened();
        using var shutdownRegistration = shutdown.Register(static s => ((MediaStreamSession)s!).End(StreamEndReason.Shutdown, "server shutting down"), this);
        using var startTimer = _time.CreateTimer(static s => ((MediaStreamSession)s!).OnStartTimeout(), this, _options.StartTimeout, Timeout.InfiniteTimeSpan);
        var sendLoop = SendLoopAsync();
        try
        {
            await ReceiveLoopAsync().ConfigureAwait(false);
        }
        finally
        {
            await FinishAsync(sendLoop).ConfigureAwait(false);
        }
        return EndReason ?? StreamEndReason.SocketClosed;
    }

    /// <summary>Ends the stream from outside (status callback, hang-up, shutdown): closes the socket with <paramref name="description"/>.</summary>
    public void End(StreamEndReason reason, string description)
    {
        if (reason == StreamEndReason.HungUp) Record(MediaStreamEventTypes.HangUp, description);
        RequestClose(reason, reason == StreamEndReason.Shutdown ? WebSocketCloseStatus.EndpointUnavailable : WebSocketCloseStatus.NormalClosure, description);
    }

    private ValueTask HangUpFromHandlerAsync(string reason)
    {
        End(StreamEndReason.HungUp, reason);
        return ValueTask.CompletedTask;
    }

    // ---------------------------------------------------------------- receive loop

    private async Task ReceiveLoopAsync()
    {
        var max = _options.MaxMessageBytes;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(1024, max)); // media messages are ~400 bytes; grows for a big start
        var count = 0;
        var discarding = false;
        try
        {
            while (true)
            {
                if (count == buffer.Length && buffer.Length < max)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(max, buffer.Length * 2));
                    buffer.AsSpan(0, count).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                var space = Math.Min(buffer.Length, max) - count;
                var result = await _socket.ReceiveAsync(buffer.AsMemory(count, space), CancellationToken.None).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    // The peer closed (Twilio does after stop; a hang-up or a dropped call may close without one).
                    RequestClose(StreamEndReason.SocketClosed, WebSocketCloseStatus.NormalClosure, "");
                    return;
                }
                if (discarding)
                {
                    discarding = !result.EndOfMessage;
                    continue;
                }
                count += result.Count;
                if (!result.EndOfMessage)
                {
                    if (count < max) continue;
                    ProtocolError(MediaStreamErrorKinds.MessageTooLarge, $"a message exceeded {max} bytes");
                    RequestClose(StreamEndReason.ProtocolError, WebSocketCloseStatus.MessageTooBig, $"message larger than {max} bytes");
                    discarding = true;
                    count = 0;
                    continue;
                }
                var receivedAt = _time.GetTimestamp();
                if (_closeRequest is null)
                {
                    if (result.MessageType == WebSocketMessageType.Binary)
                        ProtocolError(MediaStreamErrorKinds.BinaryFrame, $"binary message of {count} bytes ignored: Media Streams messages are JSON text");
                    else
                        await HandleMessageAsync(buffer.AsMemory(0, count), receivedAt).ConfigureAwait(false);
                }
                count = 0;
            }
        }
        catch (Exception ex)
        {
            // Aborted by us (close timeout, send failure), reset by the peer, or a bug: either way the socket is done.
            if (ex is not (WebSocketException or OperationCanceledException or IOException or ObjectDisposedException
                or Microsoft.AspNetCore.Connections.ConnectionAbortedException))
                Log.ReceiveFailed(_logger, ex, StreamSid);
            SetEndReason(StreamEndReason.SocketClosed);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private ValueTask HandleMessageAsync(ReadOnlyMemory<byte> json, long receivedAt)
    {
        _parser.Parse(json.Span, _expectedStreamSid, _message);
        var m = _message;
        if (m.Error != InboundParseError.None)
        {
            ProtocolError(ErrorKind(m.Error), m.Type is InboundEventType.None or InboundEventType.Unknown ? m.ErrorDetail! : $"{m.ErrorDetail} (in a {m.Type.ToString().ToLowerInvariant()} message)");
            return ValueTask.CompletedTask;
        }
        switch (m.Type)
        {
            case InboundEventType.Media:
                OnMedia(m, receivedAt);
                return ValueTask.CompletedTask;
            case InboundEventType.Start:
                return OnStartAsync(m);
            case InboundEventType.Connected:
                return ValueTask.CompletedTask; // informational; Twilio sends it once before start
            case InboundEventType.Unknown:
                ProtocolError(MediaStreamErrorKinds.UnknownEvent, $"unknown event '{m.UnknownEventName}' ignored");
                return ValueTask.CompletedTask;
        }
        if (!IsForThisStream(m)) return ValueTask.CompletedTask;
        switch (m.Type)
        {
            case InboundEventType.Mark:
                _pacer.OnMarkEchoed(m.MarkName!);
                CallHandler(static (h, msg) => h.OnMark(msg.MarkName!), m, nameof(IMediaStreamHandler.OnMark));
                Record(MediaStreamEventTypes.Mark, m.MarkName);
                return ValueTask.CompletedTask;
            case InboundEventType.Dtmf:
                CallHandler(static (h, msg) => h.OnDtmf(msg.Digit), m, nameof(IMediaStreamHandler.OnDtmf));
                Record(MediaStreamEventTypes.Dtmf, m.Digit.ToString());
                return ValueTask.CompletedTask;
            case InboundEventType.Stop:
                return OnStopAsync();
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>Mark, dtmf and stop must belong to our started stream.</summary>
    private bool IsForThisStream(InboundMessage m)
    {
        if (_state != SessionState.Streaming)
        {
            ProtocolError(MediaStreamErrorKinds.EventBeforeStart, $"{m.Type.ToString().ToLowerInvariant()} before start ignored");
            return false;
        }
        if (m.StreamSidMatch == StreamSidMatch.Differs)
        {
            ProtocolError(MediaStreamErrorKinds.WrongStreamSid, $"{m.Type.ToString().ToLowerInvariant()} for stream '{m.StreamSid}' ignored");
            return false;
        }
        return true;
    }

    private void OnMedia(InboundMessage m, long receivedAt)
    {
        if (_state != SessionState.Streaming)
        {
            ProtocolError(MediaStreamErrorKinds.MediaBeforeStart, "media before start ignored");
            return;
        }
        if (m.StreamSidMatch == StreamSidMatch.Differs)
        {
            ProtocolError(MediaStreamErrorKinds.WrongStreamSid, $"media for stream '{m.StreamSid}' ignored");
            return;
        }
        if (m.Track == MediaTrack.Outbound) return; // our own audio, when a stream asks for both tracks
        _frames++;
        try
        {
            _handler!.OnAudio(m.Payload.Span, m.TimestampMs >= 0 ? m.TimestampMs : (_frames - 1) * 20);
        }
        catch (Exception ex)
        {
            HandlerFailed(ex, nameof(IMediaStreamHandler.OnAudio));
        }
        MediaStreamMetrics.FrameHandling.Record(_time.GetElapsedTime(receivedAt).TotalMilliseconds);
    }

    private async ValueTask OnStartAsync(InboundMessage m)
    {
        if (_state != SessionState.AwaitingStart)
        {
            ProtocolError(MediaStreamErrorKinds.DuplicateStart, "a second start ignored");
            return;
        }
        var start = m.Start!;
        var streamSid = start.StreamSid ?? m.StreamSid;
        var callSid = start.CallSid;
        if (string.IsNullOrEmpty(streamSid) || string.IsNullOrEmpty(callSid))
        {
            RejectStart(callSid, "start without streamSid or callSid");
            return;
        }
        CallSid = callSid;
        StreamSid = streamSid;
        if (start.MediaFormatProblem() is { } formatProblem)
        {
            RejectStart(callSid, formatProblem);
            return;
        }

        _state = SessionState.Starting;
        MediaStreamCallResolution resolution;
        try
        {
            resolution = await _resolver.ResolveAsync(callSid, streamSid, start.CustomParameters, _lifetime.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.HandlerFailed(_logger, ex, streamSid, nameof(IMediaStreamCallResolver.ResolveAsync));
            resolution = MediaStreamCallResolution.Reject($"the call could not be looked up ({ex.GetType().Name})");
        }
        if (!resolution.Accepted)
        {
            RejectStart(callSid, resolution.RejectReason ?? "call not accepted");
            return;
        }
        if (_closeRequest is not null) return; // shut down or timed out while resolving
        if (!_registry.TryAdd(callSid, this))
        {
            RejectStart(callSid, "another media stream is already open for this call");
            return;
        }

        var context = new MediaStreamContext(streamSid, callSid, resolution.CallId, resolution.PayerId, start.CustomParameters, _time.GetUtcNow(), _recorder);
        Context = context;
        _expectedStreamSid = Encoding.UTF8.GetBytes(streamSid);
        AttachCall(resolution.CallId, streamSid, callSid);
        Record(MediaStreamEventTypes.Start,
            $"streamSid={streamSid}; tracks={string.Join(',', start.Tracks)}; parameters={string.Join(',', start.CustomParameters.Keys)}");
        MediaStreamMetrics.StreamsStarted.Add(1);
        Log.Started(_logger, streamSid, callSid, resolution.CallId);
        _pacer.Attach(streamSid);

        try
        {
            _handler = _handlerFactory.Create(context);
            await _handler.OnStartAsync(context, _pacer, _lifetime.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            HandlerFailed(ex, nameof(IMediaStreamHandler.OnStartAsync));
            RequestClose(StreamEndReason.ProtocolError, WebSocketCloseStatus.InternalServerError, "the call agent failed to start");
            return;
        }
        lock (_gate)
        {
            if (_closeRequest is null) _state = SessionState.Streaming;
        }
    }

    private void RejectStart(string? callSid, string reason)
    {
        _state = SessionState.Closing;
        Log.StartRejected(_logger, callSid, reason);
        Record(MediaStreamEventTypes.StartRejected, $"callSid={callSid}; {reason}");
        RequestClose(StreamEndReason.ProtocolError, WebSocketCloseStatus.PolicyViolation, "start rejected: " + reason);
    }

    private async ValueTask OnStopAsync()
    {
        Record(MediaStreamEventTypes.Stop, $"after {_frames} frames");
        SetEndReason(StreamEndReason.Stopped);
        _state = SessionState.Closing;
        // The handler hears about it now, not after the close handshake.
        await StopHandlerOnceAsync(StreamEndReason.Stopped).ConfigureAwait(false);
        RequestClose(StreamEndReason.Stopped, WebSocketCloseStatus.NormalClosure, "stream stopped");
    }

    private void OnStartTimeout()
    {
        if (_state != SessionState.AwaitingStart) return;
        var seconds = _options.StartTimeout.TotalSeconds;
        ProtocolError(MediaStreamErrorKinds.StartTimeout, $"no start within {seconds:0.#} s");
        RequestClose(StreamEndReason.ProtocolError, WebSocketCloseStatus.PolicyViolation, $"no start message within {seconds:0.#} s");
    }

    private void CallHandler(Action<IMediaStreamHandler, InboundMessage> call, InboundMessage message, string method)
    {
        try
        {
            call(_handler!, message);
        }
        catch (Exception ex)
        {
            HandlerFailed(ex, method);
        }
    }

    private void HandlerFailed(Exception ex, string method)
    {
        Log.HandlerFailed(_logger, ex, StreamSid, method);
        RecordError(MediaStreamErrorKinds.HandlerFailed, $"{method} threw {ex.GetType().Name}");
    }

    private void ProtocolError(string kind, string detail)
    {
        MediaStreamMetrics.ProtocolErrors.Add(1);
        Log.ProtocolError(_logger, StreamSid, kind, detail);
        RecordError(kind, detail);
    }

    private void RecordError(string kind, string detail)
    {
        var n = Interlocked.Increment(ref _errorEvents);
        if (n <= _options.MaxErrorEventsPerStream) Record(MediaStreamEventTypes.Error, $"{kind}: {detail}");
        else if (n == _options.MaxErrorEventsPerStream + 1)
            Record(MediaStreamEventTypes.Error, $"{MediaStreamErrorKinds.ErrorsSuppressed}: more than {_options.MaxErrorEventsPerStream} errors on this stream; further ones are only logged");
    }

    private static string ErrorKind(InboundParseError error) => error switch
    {
        InboundParseError.MalformedJson => MediaStreamErrorKinds.MalformedJson,
        InboundParseError.MissingEvent => MediaStreamErrorKinds.MissingEvent,
        InboundParseError.InvalidBase64 => MediaStreamErrorKinds.InvalidBase64,
        _ => MediaStreamErrorKinds.InvalidField,
    };

    // ---------------------------------------------------------------- send loop

    private async Task SendLoopAsync()
    {
        try
        {
            await _pacer.RunAsync(SendTextAsync, CancellationToken.None).ConfigureAwait(false);
            var close = _closeRequest;
            if (close is not null && _socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await _socket.CloseOutputAsync(close.Status, close.Description, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The socket broke under us: make sure the receive loop ends too.
            Log.SendFailed(_logger, ex, StreamSid);
            SetEndReason(StreamEndReason.SocketClosed);
            _pacer.Complete();
            _socket.Abort();
        }
    }

    private ValueTask SendTextAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken) =>
        _socket.SendAsync(json, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    // ---------------------------------------------------------------- ending

    private void SetEndReason(StreamEndReason reason) => Interlocked.CompareExchange(ref _endReason, (int)reason, NoReason);

    /// <summary>First caller wins: sets the end reason, stops the pacer, lets the send loop send the close frame, and arms the abort timer.</summary>
    private void RequestClose(StreamEndReason reason, WebSocketCloseStatus status, string description)
    {
        SetEndReason(reason);
        lock (_gate)
        {
            if (_closeRequest is not null) return;
            _closeRequest = new CloseRequest(status, TruncateUtf8(description, 123));
            _abortTimer = _time.CreateTimer(static s => ((MediaStreamSession)s!)._socket.Abort(), this, _options.CloseTimeout, Timeout.InfiniteTimeSpan);
        }
        _state = SessionState.Closing;
        Log.Closing(_logger, StreamSid, status, description);
        _pacer.Complete();
    }

    private async Task FinishAsync(Task sendLoop)
    {
        RequestClose(StreamEndReason.SocketClosed, WebSocketCloseStatus.NormalClosure, "");
        try
        {
            await sendLoop.WaitAsync(_options.CloseTimeout, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _socket.Abort();
        }
        var reason = EndReason ?? StreamEndReason.SocketClosed;
        await StopHandlerOnceAsync(reason).ConfigureAwait(false);
        await _lifetime.CancelAsync().ConfigureAwait(false);
        if (_handler is not null)
        {
            try { await _handler.DisposeAsync().ConfigureAwait(false); }
            catch (Exception ex) { Log.HandlerFailed(_logger, ex, StreamSid, nameof(IAsyncDisposable.DisposeAsync)); }
        }
        if (CallSid is not null) _registry.Remove(CallSid, this);
        Record(MediaStreamEventTypes.StreamEnded, $"reason={reason}; frames={_frames}");
        FlushEventsBeforeCall(0); // a stream that never reached a call: keep its events under call 0
        Log.Ended(_logger, StreamSid, reason, _frames);
        Task chain;
        lock (_gate) chain = _recordChain;
        try { await chain.WaitAsync(_options.CloseTimeout, _time).ConfigureAwait(false); }
        catch (TimeoutException) { /* a stuck recorder must not hold the socket's request open */ }
        lock (_gate) _abortTimer?.Dispose();
        _pacer.Dispose();
        _parser.Dispose();
        _lifetime.Dispose();
        _registry.Closed();
    }

    private async ValueTask StopHandlerOnceAsync(StreamEndReason reason)
    {
        if (_handler is null || Interlocked.Exchange(ref _handlerStopped, 1) != 0) return;
        try
        {
            await _handler.OnStopAsync(reason).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            HandlerFailed(ex, nameof(IMediaStreamHandler.OnStopAsync));
        }
    }

    // ---------------------------------------------------------------- call events

    private void AttachCall(int callId, string streamSid, string callSid)
    {
        lock (_gate)
        {
            _callId = callId;
            _recordChain = RunAfterAsync(_recordChain, "attach-stream", () => _recorder.AttachStreamAsync(callId, streamSid, callSid));
        }
        FlushEventsBeforeCall(callId);
    }

    /// <summary>Fire-and-forget, in order, off the receive loop; a failing or slow recorder never stalls or kills the stream.</summary>
    private void Record(string type, string? detail)
    {
        lock (_gate)
        {
            if (_callId is not { } callId)
            {
                // Before start resolves we do not know the call; keep the first few events until we do.
                _eventsBeforeCall ??= [];
                if (_eventsBeforeCall.Count < _options.MaxErrorEventsPerStream + 2) _eventsBeforeCall.Add((type, detail));
                return;
            }
            _recordChain = RunAfterAsync(_recordChain, type, () => _recorder.RecordEventAsync(callId, type, detail));
        }
    }

    private void FlushEventsBeforeCall(int callId)
    {
        lock (_gate)
        {
            if (_eventsBeforeCall is null) return;
            foreach (var (type, detail) in _eventsBeforeCall)
                _recordChain = RunAfterAsync(_recordChain, type, () => _recorder.RecordEventAsync(callId, type, detail));
            _eventsBeforeCall = null;
        }
    }

    private async Task RunAfterAsync(Task previous, string type, Func<Task> write)
    {
        // ForceYielding: never run the recorder inline on the receive loop.
        await previous.ConfigureAwait(ConfigureAwaitOptions.ForceYielding | ConfigureAwaitOptions.SuppressThrowing);
        try
        {
            await write().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.RecorderFailed(_logger, ex, StreamSid, type);
        }
    }

    private static string TruncateUtf8(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes) return text;
        var length = Math.Min(text.Length, maxBytes);
        while (length > 0 && Encoding.UTF8.GetByteCount(text.AsSpan(0, length)) > maxBytes - 3) length--;
        return string.Concat(text.AsSpan(0, length), "…");
    }

    private enum SessionState { AwaitingStart, Starting, Streaming, Closing }

    private sealed record CloseRequest(WebSocketCloseStatus Status, string Description);
}
