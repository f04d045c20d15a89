using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CollectIq.Agent.Conversation;

namespace CollectIq.Agent.Pipeline;

/// <summary>
/// Keeps the audio of sentences said before (the disclosure, the ask, the reprompts are the same
/// on every call, and a greeting can be prepared while Twilio fetches the TwiML), so their first
/// frame goes out at once. Misses stream from the inner synthesizer and are stored when complete.
/// Concurrent misses of one sentence share one synthesis (single flight): 40 calls starting together
/// used to run 40 identical flite syntheses, serialized by flite's process-wide lock, each holding a
/// thread-pool thread.
/// </summary>
public sealed class CachingSynthesizer(IAgentSynthesizer inner, int capacity = 512) : IAgentSynthesizer
{
    private readonly ConcurrentDictionary<string, ReadOnlyMemory<byte>[]> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ReadOnlyMemory<byte>[]?>> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public int Count => _cache.Count;

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> SynthesizeAsync(string sentence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_cache.TryGetValue(sentence, out var cached))
            {
                foreach (var chunk in cached) yield return chunk;
                yield break;
            }
            var mine = new TaskCompletionSource<ReadOnlyMemory<byte>[]?>(TaskCreationOptions.RunContinuationsAsynchronously);
            var leader = _inFlight.GetOrAdd(sentence, mine);
            if (leader == mine) break;
            // Someone is synthesizing this sentence now: wait for it. Null: it was cancelled or failed, try again.
            var shared = await leader.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (shared is null) continue;
            foreach (var chunk in shared) yield return chunk;
            yield break;
        }

        var flight = _inFlight[sentence];
        var collected = new List<ReadOnlyMemory<byte>>();
        var complete = false;
        try
        {
            await foreach (var chunk in inner.SynthesizeAsync(sentence, cancellationToken).ConfigureAwait(false))
            {
                var copy = chunk.ToArray(); // the inner engine may reuse its buffers
                collected.Add(copy);
                yield return copy;
            }
            complete = true;
        }
        finally
        {
            var audio = complete ? collected.ToArray() : null;
            if (audio is not null) Store(sentence, audio);
            _inFlight.TryRemove(new KeyValuePair<string, TaskCompletionSource<ReadOnlyMemory<byte>[]?>>(sentence, flight));
            flight.TrySetResult(audio);
        }
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
