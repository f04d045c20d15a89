using CollectIq.Agent.Conversation;
using CollectIq.Agent.Dialog;
using CollectIq.Agent.Pipeline;
using CollectIq.Agent.Understanding;
using CollectIq.Speech.Audio;
using CollectIq.Speech.Recognition;
using CollectIq.Speech.SpeechToText;
using CollectIq.Speech.Vad;
using Microsoft.Extensions.Logging;

namespace CollectIq.Agent.Speech;

/// <summary>
/// The speech input of one call over CollectIq.Speech: µ-law → PCM → VAD + <see cref="Endpointer"/> →
/// a streaming <see cref="ISpeechRecognitionSession"/> with the grammar of the state's
/// <see cref="ExpectedAnswer"/>. Posts <see cref="PayerStartedSpeaking"/> at speech onset (urgent: barge-in),
/// <see cref="PayerStoppedSpeaking"/> when the endpointer ends the turn and <see cref="FinalTranscript"/>
/// when the recognizer has finished it.
/// </summary>
/// <remarks>
/// VAD, endpointing and feeding the decoder run inline on the media receive loop (a few µs per frame for
/// the grammar search); only the finalisation runs on the thread pool, so a slow (cloud) recognizer never
/// holds up the next frames or the next speech onset. A decoder is taken from the engine's pool when speech
/// starts (fed a short pre-roll so the first phone is not lost) and returned as soon as the turn is final:
/// at most one decoder per call while the payer talks, none while the agent talks.
/// </remarks>
public sealed class SpeechListener : ISpeechListener
{
    private const int FrameSamples = 160; // 20 ms at 8 kHz
    private const int PreRollFrames = 20;  // 400 ms: covers MinSpeechMs plus the soft onset before it
    private const int PartialCheckEveryFrames = 5;

    private readonly ISpeechToText _stt;
    private readonly IVoiceActivityDetectorFactory _vads;
    private readonly EndpointerOptions _endpointing;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Queue<short[]> _preRoll = new();
    private readonly short[] _pending = new short[FrameSamples];
    private int _pendingCount;

    private Action<ConversationEvent>? _post;
    private IVoiceActivityDetector? _vad;
    private Endpointer? _endpointer;
    private ISpeechRecognitionSession? _session;
    private volatile ListenSpec _listen = new(ExpectedAnswer.Identity, InputMode.Voice, false);
    private long _sequence;
    private int _framesInTurn;
    private TimeSpan _lastVoiced;
    private bool _disposed;

    public SpeechListener(ISpeechToText stt, IVoiceActivityDetectorFactory vads, EndpointerOptions endpointing, TimeProvider time, ILogger logger)
    {
        _stt = stt;
        _vads = vads;
        _endpointing = endpointing;
        _time = time;
        _logger = logger;
    }

    /// <summary>The grammar the next turn will be recognized with.</summary>
    public ExpectedAnswer Expected => _listen.Expected;

    public void Start(Action<ConversationEvent> post, DateTimeOffset streamStartedAt)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _post = post;
            // A VAD failure degrades this call to the energy VAD (logged once) instead of failing each later frame.
            _vad = new FallbackVoiceActivityDetector(_vads.Create(), () => new EnergyVad(), (engine, e) => SpeechListenerLog.VadFailed(_logger, engine, e));
            _endpointer = new Endpointer(_vad, _endpointing);
        }
    }

    /// <summary>Takes effect at the next speech onset; a turn already being recognized keeps its grammar.</summary>
    public void Expect(ListenSpec listen) => _listen = listen;

    public void PushAudio(ReadOnlySpan<byte> mulaw, long timestampMs)
    {
        lock (_gate)
        {
            if (_disposed || _endpointer is null) return;
            // Twilio sends 20 ms frames, but nothing guarantees it: re-frame so the VAD always sees 160 samples.
            while (mulaw.Length > 0)
            {
                var take = Math.Min(FrameSamples - _pendingCount, mulaw.Length);
                MuLaw.Decode(mulaw[..take], _pending.AsSpan(_pendingCount, take));
                _pendingCount += take;
                mulaw = mulaw[take..];
                if (_pendingCount < FrameSamples) break;
                _pendingCount = 0;
                try { ProcessFrame(_pending); }
                catch (Exception e) when (e is SpeechEngineException or InvalidOperationException or ObjectDisposedException)
                {
                    // A failing recognizer must not take the call down: drop the turn, the dialog's silence/repair handles it.
                    SpeechListenerLog.RecognitionFailed(_logger, e);
                    DropSession();
                }
            }
        }
    }

    private void ProcessFrame(short[] frame)
    {
        var endpointer = _endpointer!;
        var wasInSpeech = endpointer.InSpeech;
        var copy = frame.ToArray();
        var result = endpointer.Process(copy);
        if (endpointer.LastProbability >= _endpointing.SilenceThreshold) _lastVoiced = endpointer.Position;

        switch (result)
        {
            case EndpointEvent.SpeechStarted:
                // The frame just arrived, so "now" is its end; the voiced run began (Position − SpeechStart) earlier.
                _post!(new PayerStartedSpeaking(++_sequence, _time.GetUtcNow() - (endpointer.Position - endpointer.SpeechStart)));
                _preRoll.Enqueue(copy);
                OpenSession();
                return;
            case EndpointEvent.TurnEnded:
                _session?.AcceptAudio(copy);
                EndTurn(endpointer);
                return;
        }
        if (wasInSpeech && _session is not null)
        {
            _session.AcceptAudio(copy);
            // The partial hypothesis (a backtrace in the decoder) only matters where an amount, date or digits are expected.
            if (++_framesInTurn % PartialCheckEveryFrames == 0 && _listen.ExpectsNumberOrDate) endpointer.Hold = HoldFor(_session.PartialText);
            return;
        }
        _preRoll.Enqueue(copy);
        while (_preRoll.Count > PreRollFrames) _preRoll.Dequeue();
    }

    private void OpenSession()
    {
        DropSession();
        var listen = _listen;
        _session = _stt.StartSession(listen.Expected);
        _framesInTurn = 0;
        foreach (var frame in _preRoll) _session.AcceptAudio(frame);
        _preRoll.Clear();
        _endpointer!.Hold = HoldFor(null);
    }

    /// <summary>
    /// Where the state asks for an amount, a date or digits: a longer end-of-turn silence until some words
    /// are recognized, and while the partial hypothesis stops mid-number or mid-date ("two hundred and…",
    /// "on the…"). Elsewhere the normal silence: measured under load, applying the hint in every state held
    /// answers like "hold on a second" ("…on a") for the long silence and made the p95 voice-to-voice ≈ 1 s.
    /// </summary>
    private TurnHold HoldFor(string? partial)
    {
        var listen = _listen;
        if (!listen.ExpectsNumberOrDate) return TurnHold.None;
        if (string.IsNullOrWhiteSpace(partial)) return HoldKind(listen);
        return EndpointingHints.IsMidNumberOrDate(partial) ? HoldKind(listen) : TurnHold.None;
    }

    private static TurnHold HoldKind(ListenSpec listen) => listen.Expected == ExpectedAnswer.Date ? TurnHold.MidDate : TurnHold.MidNumber;

    private void EndTurn(Endpointer endpointer)
    {
        // The last voiced audio was (silence run) ago in audio time; the frame just arrived, so "now" is its end.
        var now = _time.GetUtcNow();
        var speechEndedAt = now - (endpointer.Position - _lastVoiced);
        var sequence = _sequence;
        _post!(new PayerStoppedSpeaking(sequence, speechEndedAt));
        var session = _session;
        _session = null;
        if (session is null) return;
        var post = _post;
        _ = Task.Run(() => FinishAsync(session, post));
    }

    private async Task FinishAsync(ISpeechRecognitionSession session, Action<ConversationEvent> post)
    {
        try
        {
            var result = await session.FinishAsync().ConfigureAwait(false);
            post(ToTranscript(result));
        }
        catch (Exception e) when (e is SpeechEngineException or InvalidOperationException or ObjectDisposedException or OperationCanceledException)
        {
            SpeechListenerLog.RecognitionFailed(_logger, e);
            post(new FinalTranscript("", 0, []));
        }
        finally
        {
            session.Dispose(); // the decoder goes back to the pool
        }
    }

    /// <summary>
    /// A rejected result keeps its words but not more than its (low) confidence, so the dialog re-asks
    /// instead of acting; empty text is noise, not a turn.
    /// </summary>
    internal static FinalTranscript ToTranscript(RecognitionResult result)
    {
        var confidence = Math.Clamp(result.Confidence, 0, 1);
        if (result.Rejected) confidence = Math.Min(confidence, 0.3);
        var alternatives = result.Alternatives.Select(a => a.Text).Where(t => !string.IsNullOrWhiteSpace(t)).ToArray();
        return new FinalTranscript(result.Text.Trim(), result.Text.Trim().Length == 0 ? 0 : confidence, alternatives);
    }

    private void DropSession()
    {
        _session?.Dispose();
        _session = null;
    }

    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed) return ValueTask.CompletedTask;
            _disposed = true;
            DropSession();
            _vad?.Dispose();
            _preRoll.Clear();
        }
        return ValueTask.CompletedTask;
    }
}

/// <summary>Creates one <see cref="SpeechListener"/> per call over the shared engines (decoder pool, VAD model).</summary>
public sealed class SpeechListenerFactory(
    ISpeechToText stt, IVoiceActivityDetectorFactory vads, EndpointerOptions endpointing, TimeProvider time, ILoggerFactory loggers) : ISpeechListenerFactory
{
    private readonly ILogger _logger = loggers.CreateLogger<SpeechListener>();

    public ISpeechListener Create() => new SpeechListener(stt, vads, endpointing, time, _logger);

    /// <summary>
    /// Opens <paramref name="sessions"/> recognition sessions at once and closes them, so the engine's decoder pool
    /// holds that many before the first call: creating a pocketsphinx decoder pair is a model load (hundreds of ms
    /// of CPU), done on the call's receive loop when the pool is empty — measured as the slow start of a 40-call
    /// run (docs/PERFORMANCE.md, "Voice agent").
    /// </summary>
    public Task WarmUpAsync(int sessions, CancellationToken cancellationToken) => Task.Run(() =>
    {
        var open = new List<ISpeechRecognitionSession>(sessions);
        try
        {
            for (var i = 0; i < sessions && !cancellationToken.IsCancellationRequested; i++) open.Add(stt.StartSession(ExpectedAnswer.Identity));
        }
        finally
        {
            foreach (var session in open) session.Dispose();
        }
    }, cancellationToken);
}

internal static partial class SpeechListenerLog
{
    [LoggerMessage(EventId = 4300, Level = LogLevel.Warning, Message = "Speech recognition failed for a turn; it is dropped")]
    public static partial void RecognitionFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 4310, Level = LogLevel.Warning, Message = "Voice activity detection {Engine} failed; this call continues with the energy VAD")]
    public static partial void VadFailed(ILogger logger, string engine, Exception error);
}
