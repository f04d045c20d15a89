namespace CollectIq.Speech.SpeechToText;

public enum SpeechFailureKind { Timeout, Unavailable, Rejected, InvalidResponse }

/// <summary>A typed engine failure the dialog can act on (retry, fall back to keypad, apologise).</summary>
public sealed class SpeechEngineException(SpeechFailureKind kind, string message, Exception? inner = null) : Exception(message, inner)
{
    public SpeechFailureKind Kind { get; } = kind;
}
