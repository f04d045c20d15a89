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
