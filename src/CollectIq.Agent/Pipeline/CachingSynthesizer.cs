using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CollectIq.Agent.Conversation;

namespace CollectIq.Agent.Pipeline;

/// <summary>
/// Keeps the audio of sentences said before (the disclosure, the ask, the reprompts are the same
/// on every call, and a greeting can be prepared while Twilio fetches the TwiML), so their first
/// frame goes out at once. Misses stream from the inner synthesizer and are stored when complete.
/// </summary>
public sealed class CachingSynthesizer(IAgentSynthesizer inner, int capacity = 512) : IAgentSynthesizer
{
    private readonly ConcurrentDictionary<string, ReadOnlyMemory<byte>[]> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public int Count => _cache.Count;

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> SynthesizeAsync(string sentence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(sentence, out var cached))
        {
            foreach (var chunk in cached) yield return chunk;
            yield break;
        }
        var collected = new List<ReadOnlyMemory<byte>>();
        await foreach (var chunk in inner.SynthesizeAsync(sentence, cancellationToken).ConfigureAwait(false))
        {
            var copy = chunk.ToArray(); // the inner engine may reuse its buffers
            collected.Add(copy);
            yield return copy;
        }
        Store(sentence, collected.ToArray());
    }

    /// <summary>Synthesizes every sentence of <paramref name="text"/> into the cache (no audio goes anywhere).</summary>
    public async Task WarmAsync(string text, CancellationToken cancellationToken)
    {
        foreach (var sentence in CollectIq.Speech.TextToSpeech.SentenceSplitter.Split(text))
        {
            if (_cache.ContainsKey(sentence)) continue;
            await foreach (var _ in SynthesizeAsync(sentence, cancellationToken).ConfigureAwait(false)) { }
        }
    }

    private void Store(string sentence, ReadOnlyMemory<byte>[] audio)
    {
        if (!_cache.TryAdd(sentence, audio)) return;
        _order.Enqueue(sentence);
        while (_cache.Count > capacity && _order.TryDequeue(out var oldest)) _cache.TryRemove(oldest, out _);
    }
}
