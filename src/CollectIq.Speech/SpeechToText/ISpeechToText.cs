using CollectIq.Speech.Audio;
using CollectIq.Speech.Recognition;

namespace CollectIq.Speech.SpeechToText;

/// <summary>What a recognizer can do (Microsoft.Extensions.AI style capability declaration).</summary>
public sealed record SpeechToTextCapabilities(string Engine, bool Streaming, bool InterimResults, int InputSampleRate, bool UsesExpectedAnswer);

public sealed record RecognitionAlternative(string Text, double Confidence);

/// <summary>
/// A final recognition. <see cref="Confidence"/> is 0..1; <see cref="Rejected"/> means the recognizer judged
/// the speech out of domain or too uncertain — the dialog must treat it as "didn't understand", never as
/// an answer. <see cref="FinalizeTime"/> is the wall time from end of audio to this result.
/// </summary>
public sealed record RecognitionResult(
    string Text,
    double Confidence,
    SpokenAnswer Answer,
    bool Rejected,
    IReadOnlyList<RecognitionAlternative> Alternatives,
    TimeSpan AudioDuration,
    TimeSpan FinalizeTime,
    ExpectedAnswer Expected)
{
    public static RecognitionResult Empty(ExpectedAnswer expected, TimeSpan audio, TimeSpan finalize) =>
        new("", 0, SpokenAnswer.Unknown, true, [], audio, finalize, expected);
}

/// <summary>
/// Speech-to-text for the phone line, mirroring MEAI's ISpeechToTextClient but streaming per turn and
/// steered by what the dialog expects. Thread-safe: each call opens its own session.
/// </summary>
public interface ISpeechToText
{
    SpeechToTextCapabilities Capabilities { get; }

    /// <summary>Starts recognizing one turn. Dispose the session to return its decoder to the pool.</summary>
    ISpeechRecognitionSession StartSession(ExpectedAnswer expected);
}

/// <summary>One turn of one call (not thread-safe). Audio is 8 kHz mono PCM, fed as it arrives.</summary>
public interface ISpeechRecognitionSession : IDisposable
{
    ExpectedAnswer Expected { get; }

    void AcceptAudio(ReadOnlySpan<short> pcm8k);

    /// <summary>The best hypothesis so far (null when the engine has no interim results).</summary>
    string? PartialText { get; }

    /// <summary>Ends the turn and returns the final result.</summary>
    ValueTask<RecognitionResult> FinishAsync(CancellationToken cancellationToken = default);
}

public static class SpeechToTextExtensions
{
    /// <summary>Recognizes a whole clip (any rate) as one turn.</summary>
    public static async Task<RecognitionResult> RecognizeAsync(this ISpeechToText stt, PcmAudio audio, ExpectedAnswer expected, CancellationToken cancellationToken = default)
    {
        using var session = stt.StartSession(expected);
        var pcm = audio.At(PhoneLine.SampleRate).Samples;
        for (var i = 0; i < pcm.Length; i += 160) session.AcceptAudio(pcm.AsSpan(i, Math.Min(160, pcm.Length - i)));
        return await session.FinishAsync(cancellationToken);
    }
}
