using CollectIq.Agent.Pipeline;
using CollectIq.Agent.Tests.Fakes;

namespace CollectIq.Agent.Tests.Pipeline;

public class CachingSynthesizerTests
{
    [Fact]
    public async Task SynthesizeAsync_SameSentenceTwice_SecondTimeFromCache()
    {
        var inner = new ToneSynthesizer();
        var cache = new CachingSynthesizer(inner);
        var first = await Collect(cache, "This call may be recorded, and that is a fixed sentence.");
        var second = await Collect(cache, "This call may be recorded, and that is a fixed sentence.");
        Assert.Single(inner.Sentences);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task SynthesizeAsync_CancelledMidway_NotCached()
    {
        var inner = new ToneSynthesizer { Gate = new TaskCompletionSource() };
        var cache = new CachingSynthesizer(inner);
        using var cts = new CancellationTokenSource();
        var enumerator = cache.SynthesizeAsync("A sentence long enough for several chunks of audio.", cts.Token).GetAsyncEnumerator();
        Assert.True(await enumerator.MoveNextAsync());
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await enumerator.MoveNextAsync());
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task SynthesizeAsync_SameSentenceConcurrently_SynthesizedOnceForAll()
    {
        var inner = new ToneSynthesizer { Gate = new TaskCompletionSource() };
        var cache = new CachingSynthesizer(inner);
        const string sentence = "Our records show one overdue invoice, with a total open balance.";
        var calls = Enumerable.Range(0, 5).Select(_ => Task.Run(() => Collect(cache, sentence))).ToArray();
        await Conversation.EngineHarness.Eventually(() => inner.Sentences.Count >= 1);
        await Task.Delay(50);                  // the others are waiting on the first, not synthesizing
        inner.Gate.SetResult();
        var sizes = await Task.WhenAll(calls);

        Assert.Single(inner.Sentences);
        Assert.All(sizes, size => Assert.Equal(sizes[0], size));
        Assert.True(sizes[0] > 0);
    }

    [Fact]
    public async Task SynthesizeAsync_LeaderCancelled_WaitingCallerSynthesizesItself()
    {
        var inner = new ToneSynthesizer { Gate = new TaskCompletionSource() };
        var cache = new CachingSynthesizer(inner);
        const string sentence = "A sentence long enough for several chunks of audio.";
        using var cts = new CancellationTokenSource();
        var leader = cache.SynthesizeAsync(sentence, cts.Token).GetAsyncEnumerator();
        Assert.True(await leader.MoveNextAsync());
        var follower = Task.Run(() => Collect(cache, sentence));
        await Task.Delay(50);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await leader.MoveNextAsync());
        await leader.DisposeAsync();
        inner.Gate.SetResult();

        Assert.True(await follower > 0);
        Assert.Equal(2, inner.Sentences.Count);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task WarmAsync_Text_CachesEverySentence()
    {
        var inner = new ToneSynthesizer();
        var cache = new CachingSynthesizer(inner);
        await cache.WarmAsync("Hello, this is the assistant. Am I speaking with Jo?", CancellationToken.None);
        Assert.Equal(2, cache.Count);
        await Collect(cache, "Am I speaking with Jo?");
        Assert.Equal(2, inner.Sentences.Count);
    }

    [Fact]
    public async Task Store_OverCapacity_EvictsOldest()
    {
        var cache = new CachingSynthesizer(new ToneSynthesizer(), capacity: 2);
        foreach (var s in new[] { "One.", "Two.", "Three." }) await Collect(cache, s);
        Assert.Equal(2, cache.Count);
    }

    private static async Task<int> Collect(CachingSynthesizer cache, string sentence)
    {
        var bytes = 0;
        await foreach (var chunk in cache.SynthesizeAsync(sentence, CancellationToken.None)) bytes += chunk.Length;
        return bytes;
    }
}
