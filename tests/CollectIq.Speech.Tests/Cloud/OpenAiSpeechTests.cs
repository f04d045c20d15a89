using CollectIq.Speech.Audio;
using CollectIq.Speech.Cloud;
using CollectIq.Speech.Recognition;
using CollectIq.Speech.SpeechToText;
using CollectIq.Speech.TextToSpeech;

namespace CollectIq.Speech.Tests.Cloud;

public class OpenAiSpeechTests
{
    private static OpenAiSpeechOptions Options(FakeOpenAiServer server, int timeoutSeconds = 10) =>
        new() { BaseUrl = server.BaseUrl, ApiKey = "test-key", TimeoutSeconds = timeoutSeconds };

    [Fact]
    public async Task RecognizeAsync_FakeServer_SendsPhoneWavAndInterpretsTheText()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        PcmAudio? received = null;
        server.Transcribe = (audio, _) => { received = audio; return "I can pay $200 on December 15th."; };
        var stt = new OpenAiSpeechToText(Options(server));
        var clip = new PcmAudio(Signals.Tone(300, 8000, 1.5), 8000);

        var result = await stt.RecognizeAsync(clip, ExpectedAnswer.Intent);

        Assert.Equal("I can pay $200 on December 15th.", result.Text);
        Assert.False(result.Rejected);
        Assert.Equal(new SpokenAnswer(SpokenIntent.PromiseToPay, 200, "december 15"), result.Answer);
        Assert.NotNull(received);
        Assert.Equal(8000, received!.SampleRate);
        Assert.Equal(clip.Samples.Length, received.Samples.Length);
        Assert.Equal(("/v1/audio/transcriptions", "Bearer test-key", "whisper-1"), server.Requests.Single());
    }

    [Fact]
    public async Task RecognizeAsync_OutOfDomainText_IsRejected()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Transcribe = (_, _) => "Hold on a second, my wife handles the bills.";
        var result = await new OpenAiSpeechToText(Options(server)).RecognizeAsync(new PcmAudio(new short[8000], 8000), ExpectedAnswer.Intent);
        Assert.True(result.Rejected);
        Assert.Equal(SpokenIntent.Unknown, result.Answer.Intent);
    }

    [Fact]
    public async Task RecognizeAsync_ServerError_ThrowsTypedUnavailable()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.StatusCode = _ => 503;
        var e = await Assert.ThrowsAsync<SpeechEngineException>(() => new OpenAiSpeechToText(Options(server)).RecognizeAsync(new PcmAudio(new short[800], 8000), ExpectedAnswer.YesNo));
        Assert.Equal(SpeechFailureKind.Unavailable, e.Kind);
    }

    [Fact]
    public async Task RecognizeAsync_SlowServer_ThrowsTypedTimeout()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Delay = TimeSpan.FromSeconds(5);
        var e = await Assert.ThrowsAsync<SpeechEngineException>(() => new OpenAiSpeechToText(Options(server, timeoutSeconds: 1)).RecognizeAsync(new PcmAudio(new short[800], 8000), ExpectedAnswer.YesNo));
        Assert.Equal(SpeechFailureKind.Timeout, e.Kind);
    }

    [Fact]
    public async Task SynthesizeAsync_FakeServer_OneRequestPerSentenceResampledTo8k()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var tts = new OpenAiTextToSpeech(Options(server));
        var chunks = new List<PcmAudio>();
        await foreach (var chunk in tts.SynthesizeAsync("Hello there. Is this a good time?")) chunks.Add(chunk);
        Assert.Equal(2, chunks.Count);
        Assert.All(chunks, c => Assert.Equal(8000, c.SampleRate));
        Assert.InRange(chunks[0].Duration.TotalMilliseconds, 12 * 60 - 5, 12 * 60 + 5); // "Hello there." = 12 chars
        Assert.All(server.Requests, r => Assert.Equal(("/v1/audio/speech", "tts-1"), (r.Path, r.Model)));
    }

    [Fact]
    public async Task SynthesizeAsync_ServerRejects_ThrowsTypedRejected()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.StatusCode = _ => 400;
        var e = await Assert.ThrowsAsync<SpeechEngineException>(async () => await new OpenAiTextToSpeech(Options(server)).SynthesizeAllAsync("Hi."));
        Assert.Equal(SpeechFailureKind.Rejected, e.Kind);
    }
}
