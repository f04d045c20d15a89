using System.Runtime.CompilerServices;
using CollectIq.Agent.Conversation;
using CollectIq.Speech.Audio;
using CollectIq.Speech.TextToSpeech;

namespace CollectIq.Agent.Speech;

/// <summary>
/// <see cref="IAgentSynthesizer"/> over CollectIq.Speech <see cref="ITextToSpeech"/>: one sentence in,
/// 8 kHz µ-law out in chunks of <see cref="ChunkMs"/> (the outbound session paces them), stopping at
/// the next chunk on cancellation.
/// </summary>
/// <remarks>
/// One cache, not two: the agent keeps sentence audio already µ-law encoded in its
/// <see cref="Pipeline.CachingSynthesizer"/> (warmed at start-up and with each call's greeting), so this
/// adapter synthesizes through the engine underneath the speech layer's <see cref="CachingTextToSpeech"/>.
/// </remarks>
public sealed class TextToSpeechSynthesizer(ITextToSpeech tts) : IAgentSynthesizer
{
    /// <summary>100 ms per chunk: small enough that the first frame leaves at once, large enough to keep per-chunk overhead low.</summary>
    public const int ChunkMs = 100;
    private const int ChunkBytes = PhoneLine.SampleRate * ChunkMs / 1000;

    private readonly ITextToSpeech _engine = tts is CachingTextToSpeech cache ? cache.Inner : tts;

    public string Engine => _engine.Capabilities.Engine;

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> SynthesizeAsync(string sentence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var audio in _engine.SynthesizeAsync(sentence, null, cancellationToken).ConfigureAwait(false))
        {
            var pcm = audio.SampleRate == PhoneLine.SampleRate ? audio.Samples : audio.At(PhoneLine.SampleRate).Samples;
            for (var i = 0; i < pcm.Length; i += ChunkBytes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return MuLaw.Encode(pcm.AsSpan(i, Math.Min(ChunkBytes, pcm.Length - i)));
            }
        }
    }
}
