namespace CollectIq.Speech.Vad;

/// <summary>
/// Voice activity detection for one 8 kHz mono stream (stateful, not thread-safe: one per call).
/// Feed 20 ms frames (160 samples) as they arrive; each call returns the current speech probability 0..1.
/// </summary>
public interface IVoiceActivityDetector : IDisposable
{
    /// <summary>Engine name for logs and reports ("silero", "webrtc", "energy").</summary>
    string Name { get; }

    /// <summary>Speech probability for the audio seen so far, updated with this frame.</summary>
    float Process(ReadOnlySpan<short> frame);

    /// <summary>Forget everything (new call, or after the agent's own playback).</summary>
    void Reset();
}

/// <summary>Creates detectors; registered once, shared by all calls (shared model, per-call state).</summary>
public interface IVoiceActivityDetectorFactory
{
    string Name { get; }

    IVoiceActivityDetector Create();
}

public enum VadKind { Silero, WebRtc, Energy }
