using System.Buffers;

namespace CollectIq.Telephony.MediaStreams.Echo;

/// <summary>
/// Test agent: plays a short tone (then mark "tone") when the stream starts, and echoes what the
/// caller says, with a mark "echo-N" after each echoed utterance. A digit '*' sends clear (handy to
/// test barge-in by hand), '#' hangs up. Used by tests, the bench and until the real agent lands.
/// </summary>
public sealed class EchoToneHandler(EchoToneOptions options) : IMediaStreamHandler
{
    private readonly ArrayBufferWriter<byte> _utterance = new(1600);
    private IOutboundMedia? _outbound;
    private bool _inSpeech;
    private int _silentMs;
    private int _utterances;
    private int _stops;

    public IReadOnlyList<string> MarksHeard => _marksHeard;
    private readonly List<string> _marksHeard = [];

    /// <summary>How many times OnStopAsync was called (must end at exactly 1) and with which reason.</summary>
    public int StopCount => Volatile.Read(ref _stops);
    public StreamEndReason? StopReason { get; private set; }
    public long FramesHeard { get; private set; }

    public ValueTask OnStartAsync(MediaStreamContext context, IOutboundMedia outbound, CancellationToken cancellationToken)
    {
        _outbound = outbound;
        if (options.ToneMs > 0)
        {
            // Not awaited: the pacer copies at once, and waiting for queue room here would stall the socket reader.
            _ = outbound.SendAudioAsync(MuLawTone.Tone(options.ToneHz, options.ToneMs), cancellationToken);
            _ = outbound.SendMarkAsync(EchoToneOptions.ToneMark, cancellationToken);
        }
        return ValueTask.CompletedTask;
    }

    public void OnAudio(ReadOnlySpan<byte> mulaw, long timestampMs)
    {
        FramesHeard++;
        var outbound = _outbound!;
        var speech = MuLawTone.MeanAbsoluteAmplitude(mulaw) >= options.SpeechThreshold;
        var frameMs = Math.Max(1, mulaw.Length / MediaStreamOptions.BytesPerMs);

        if (options.Mode == EchoMode.PerFrame)
        {
            // The pacer copies before returning, so the span's memory may be reused; drop rather than queue seconds.
            if (outbound.PendingPlayoutMs < options.MaxPendingMs) _ = EchoFrame(outbound, mulaw);
        }
        else if (speech || _inSpeech)
        {
            if (_utterance.WrittenCount < options.MaxUtteranceMs * MediaStreamOptions.BytesPerMs) _utterance.Write(mulaw);
        }

        if (speech)
        {
            _inSpeech = true;
            _silentMs = 0;
            return;
        }
        if (!_inSpeech) return;
        _silentMs += frameMs;
        if (_silentMs < options.SilenceMs) return;

        // End of an utterance.
        _inSpeech = false;
        _silentMs = 0;
        _utterances++;
        if (options.Mode == EchoMode.Utterance)
        {
            _ = outbound.SendAudioAsync(_utterance.WrittenMemory);
            _utterance.ResetWrittenCount();
        }
        _ = outbound.SendMarkAsync(EchoToneOptions.EchoMarkPrefix + _utterances);
    }

    private static ValueTask EchoFrame(IOutboundMedia outbound, ReadOnlySpan<byte> mulaw)
    {
        var rented = ArrayPool<byte>.Shared.Rent(mulaw.Length);
        try
        {
            mulaw.CopyTo(rented);
            return outbound.SendAudioAsync(rented.AsMemory(0, mulaw.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public void OnDtmf(char digit)
    {
        if (digit == '*') _outbound?.Clear();
        else if (digit == '#') _ = _outbound?.HangUpAsync("caller pressed #");
    }

    public void OnMark(string name)
    {
        lock (_marksHeard) _marksHeard.Add(name);
    }

    public ValueTask OnStopAsync(StreamEndReason reason)
    {
        StopReason = reason;
        Interlocked.Increment(ref _stops);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>Creates an <see cref="EchoToneHandler"/> per stream; keeps the live ones for tests and the bench.</summary>
public sealed class EchoToneHandlerFactory(Microsoft.Extensions.Options.IOptions<EchoToneOptions> options) : IMediaStreamHandlerFactory
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, EchoToneHandler> _byCallSid = new();

    public IMediaStreamHandler Create(MediaStreamContext context)
    {
        var handler = new EchoToneHandler(options.Value);
        if (_byCallSid.Count >= 1024)
        {
            // Keep the map small in a long-running host: forget handlers whose stream has ended.
            foreach (var (callSid, old) in _byCallSid)
                if (old.StopCount > 0) _byCallSid.TryRemove(callSid, out _);
        }
        _byCallSid[context.CallSid] = handler;
        return handler;
    }

    /// <summary>The handler created for a call (null if none).</summary>
    public EchoToneHandler? ForCall(string callSid) => _byCallSid.GetValueOrDefault(callSid);
}
