namespace CollectIq.Speech.Vad;

public enum EndpointEvent
{
    None,
    /// <summary>The caller has been speaking for <see cref="EndpointerOptions.MinSpeechMs"/>: barge-in point.</summary>
    SpeechStarted,
    /// <summary>Enough silence after speech: the turn is over, finalise the recognizer.</summary>
    TurnEnded,
}

/// <summary>What the dialog knows about the turn in progress; a caller halfway through digits or a date pauses longer.</summary>
public enum TurnHold { None, MidNumber, MidDate }

public sealed class EndpointerOptions
{
    public float SpeechThreshold { get; set; } = 0.5f;
    public float SilenceThreshold { get; set; } = 0.35f;

    /// <summary>Speech needed before <see cref="EndpointEvent.SpeechStarted"/>, so a cough or click does not barge in.</summary>
    public int MinSpeechMs { get; set; } = 160;

    /// <summary>
    /// Silence that ends a turn. 300 ms: no corpus sentence was cut in two even at 200 ms, and the turn then ends
    /// ≈ 390 ms after the last word with Silero (docs/SPEECH.md); human callers pause longer than TTS voices.
    /// </summary>
    public int EndSilenceMs { get; set; } = 300;

    /// <summary>Silence that ends a turn while the caller is mid-number or mid-date.</summary>
    public int HoldEndSilenceMs { get; set; } = 1000;

    /// <summary>A turn that never pauses is cut here so the dialog is not starved.</summary>
    public int MaxTurnMs { get; set; } = 20000;
}

/// <summary>
/// Turns per-frame VAD probabilities into speech-start and turn-end events, in audio time (frames fed),
/// so it needs no clock and behaves the same in tests and live calls. One per call.
/// </summary>
public sealed class Endpointer(IVoiceActivityDetector vad, EndpointerOptions options, int sampleRate = 8000)
{
    private double _speechRunMs;
    private double _silenceRunMs;
    private double _turnMs;

    public IVoiceActivityDetector Detector => vad;
    public EndpointerOptions Options => options;
    public bool InSpeech { get; private set; }

    /// <summary>Set by the dialog (or from a partial hypothesis) while the caller is mid-number / mid-date.</summary>
    public TurnHold Hold { get; set; }

    /// <summary>Audio time fed so far.</summary>
    public TimeSpan Position { get; private set; }

    /// <summary>Audio time at which the current/last turn's speech began.</summary>
    public TimeSpan SpeechStart { get; private set; }

    public float LastProbability { get; private set; }

    public EndpointEvent Process(ReadOnlySpan<short> frame)
    {
        var frameMs = frame.Length * 1000.0 / sampleRate;
        var p = LastProbability = vad.Process(frame);
        Position += TimeSpan.FromMilliseconds(frameMs);
        if (!InSpeech)
        {
            _speechRunMs = p >= options.SpeechThreshold ? _speechRunMs + frameMs : 0;
            if (_speechRunMs < options.MinSpeechMs) return EndpointEvent.None;
            InSpeech = true;
            _silenceRunMs = 0;
            _turnMs = _speechRunMs;
            SpeechStart = Position - TimeSpan.FromMilliseconds(_speechRunMs);
            return EndpointEvent.SpeechStarted;
        }
        _turnMs += frameMs;
        _silenceRunMs = p < options.SilenceThreshold ? _silenceRunMs + frameMs : 0;
        var needed = Hold == TurnHold.None ? options.EndSilenceMs : options.HoldEndSilenceMs;
        if (_silenceRunMs < needed && _turnMs < options.MaxTurnMs) return EndpointEvent.None;
        InSpeech = false;
        _speechRunMs = 0;
        Hold = TurnHold.None;
        return EndpointEvent.TurnEnded;
    }

    /// <summary>Forget the turn in progress (e.g. after the agent's own prompt played).</summary>
    public void Reset()
    {
        InSpeech = false;
        _speechRunMs = _silenceRunMs = _turnMs = 0;
        Hold = TurnHold.None;
    }
}
