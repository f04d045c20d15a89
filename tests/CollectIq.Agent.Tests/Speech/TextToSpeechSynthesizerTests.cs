using CollectIq.Agent.Speech;
using CollectIq.Speech.Audio;
using CollectIq.Speech.TextToSpeech;

namespace CollectIq.Agent.Tests.Speech;

public sealed class TextToSpeechSynthesizerTests
{
    [Fact]
    public async Task SynthesizeAsync_Sentence_YieldsMuLawChunksOfAtMostOneHundredMilliseconds()
    {
        var synthesizer = new TextToSpeechSynthesizer(new FliteTextToSpeech("rms"));

        var chunks = new List<byte[]>();
        await foreach (var chunk in synthesizer.SynthesizeAsync("Am I speaking with Jordan Lee?", CancellationToken.None)) chunks.Add(chunk.ToArray());

        Assert.True(chunks.Count > 5);
        Assert.All(chunks, c => Assert.InRange(c.Length, 1, 800));
        var pcm = MuLaw.Decode(chunks.SelectMany(c => c).ToArray());
        Assert.True(AudioLevel.Dbfs(pcm) > -40, "the sentence is audible, not silence");
    }

    [Fact]
    public async Task SynthesizeAsync_Cancelled_StopsBeforeTheEnd()
    {
        var synthesizer = new TextToSpeechSynthesizer(new FliteTextToSpeech("rms"));
        using var cts = new CancellationTokenSource();
        var count = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in synthesizer.SynthesizeAsync("This is an attempt to collect a debt, and any information obtained will be used for that purpose.", cts.Token))
            {
                if (++count == 2) cts.Cancel();
            }
        });
        Assert.Equal(2, count);
    }

    [Fact]
    public void Constructor_CachedEngine_SynthesizesThroughTheEngineUnderneath()
    {
        var synthesizer = new TextToSpeechSynthesizer(new CachingTextToSpeech(new FliteTextToSpeech("rms")));

        Assert.Equal(new FliteTextToSpeech("rms").Capabilities.Engine, synthesizer.Engine);
    }
}
