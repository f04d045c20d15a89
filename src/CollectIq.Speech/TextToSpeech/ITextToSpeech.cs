using CollectIq.Speech.Audio;

namespace CollectIq.Speech.TextToSpeech;

/// <summary>What a synthesizer can do (Microsoft.Extensions.AI style capability declaration).</summary>
public sealed record TextToSpeechCapabilities(string Engine, bool Streaming, int NativeSampleRate, IReadOnlyList<string> Voices);

/// <summary>Per-request voice settings; null fields use the engine's configured defaults.</summary>
public sealed record SpeechVoice(string? Name = null, double? Rate = null, int? Pitch = null);

/// <summary>
/// Text-to-speech, mirroring MEAI's ITextToSpeechClient but shaped for the phone: output is 8 kHz PCM
/// (µ-law ready), streamed sentence by sentence so a long reply starts playing before it is synthesized.
/// Implementations are thread-safe (engines with global state serialise internally).
/// </summary>
public interface ITextToSpeech
{
    TextToSpeechCapabilities Capabilities { get; }

    /// <summary>Yields one chunk per sentence at <see cref="PhoneLine.SampleRate"/>.</summary>
    IAsyncEnumerable<PcmAudio> SynthesizeAsync(string text, SpeechVoice? voice = null, CancellationToken cancellationToken = default);
}

public static class TextToSpeechExtensions
{
    /// <summary>Synthesizes the whole text into one clip (8 kHz).</summary>
    public static async Task<PcmAudio> SynthesizeAllAsync(this ITextToSpeech tts, string text, SpeechVoice? voice = null, CancellationToken cancellationToken = default)
    {
        var samples = new List<short>();
        await foreach (var chunk in tts.SynthesizeAsync(text, voice, cancellationToken)) samples.AddRange(chunk.Samples);
        return new PcmAudio([.. samples], PhoneLine.SampleRate);
    }

    /// <summary>Splits 8 kHz PCM into 20 ms µ-law frames (160 bytes) as Twilio expects; the last is padded with silence.</summary>
    public static IEnumerable<byte[]> ToMuLawFrames(this PcmAudio audio)
    {
        var pcm = audio.SampleRate == PhoneLine.SampleRate ? audio.Samples : audio.At(PhoneLine.SampleRate).Samples;
        for (var i = 0; i < pcm.Length; i += 160)
        {
            var frame = new byte[160];
            Array.Fill(frame, MuLaw.Silence);
            MuLaw.Encode(pcm.AsSpan(i, Math.Min(160, pcm.Length - i)), frame);
            yield return frame;
        }
    }
}
