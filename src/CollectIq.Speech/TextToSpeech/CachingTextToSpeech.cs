using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CollectIq.Speech.Audio;

namespace CollectIq.Speech.TextToSpeech;

/// <summary>
/// Decorator that keeps synthesized audio for repeated phrases (greetings, disclosures, "Sorry, I didn't
/// catch that"). Bounded: when full, new phrases are synthesized but not stored.
/// </summary>
public sealed class CachingTextToSpeech(ITextToSpeech inner, int maxEntries = 256, int maxCharacters = 400) : ITextToSpeech
{
    private readonly ConcurrentDictionary<(string Text, SpeechVoice? Voice), PcmAudio[]> _cache = new();

    public TextToSpeechCapabilities Capabilities => inner.Capabilities;

    /// <summary>The engine underneath (for callers that keep their own cache, like the agent's µ-law sentence cache).</summary>
    public ITextToSpeech Inner => inner;
    public int Count => _cache.Count;

    public async IAsyncEnumerable<PcmAudio> SynthesizeAsync(string text, SpeechVoice? voice = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (_cache.TryGetValue((text, voice), out var cached))
        {
            foreach (var chunk in cached) yield return chunk;
            yield break;
        }
        var chunks = new List<PcmAudio>();
        await foreach (var chunk in inner.SynthesizeAsync(text, voice, cancellationToken))
        {
            chunks.Add(chunk);
            yield return chunk;
        }
        if (text.Length <= maxCharacters && _cache.Count < maxEntries) _cache.TryAdd((text, voice), [.. chunks]);
    }
}
