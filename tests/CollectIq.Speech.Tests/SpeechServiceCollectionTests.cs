using CollectIq.Speech.SpeechToText;
using CollectIq.Speech.TextToSpeech;
using CollectIq.Speech.Vad;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CollectIq.Speech.Tests;

public class SpeechServiceCollectionTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddCollectIqSpeech(configuration).BuildServiceProvider();
    }

    [Fact]
    public void AddCollectIqSpeech_Defaults_PocketSphinxFliteSilero()
    {
        using var sp = Build(new());
        Assert.Equal("pocketsphinx", sp.GetRequiredService<ISpeechToText>().Capabilities.Engine);
        Assert.Equal("flite", sp.GetRequiredService<ITextToSpeech>().Capabilities.Engine);
        Assert.Equal("silero", sp.GetRequiredService<IVoiceActivityDetectorFactory>().Name);
        Assert.Equal(200, sp.GetRequiredService<EndpointerOptions>().EndSilenceMs);
        Assert.Equal(40, sp.GetRequiredService<EndpointerOptions>().MinSpeechMs);
    }

    [Fact]
    public void AddCollectIqSpeech_OpenAiAndWebRtc_SelectedByConfiguration()
    {
        using var sp = Build(new()
        {
            ["Speech:Stt"] = "OpenAi", ["Speech:Tts"] = "Espeak", ["Speech:Vad"] = "WebRtc",
            ["Speech:OpenAi:BaseUrl"] = "http://127.0.0.1:9/v1", ["Speech:EndSilenceMs"] = "600",
        });
        Assert.Equal("openai", sp.GetRequiredService<ISpeechToText>().Capabilities.Engine);
        Assert.Equal("espeak", sp.GetRequiredService<ITextToSpeech>().Capabilities.Engine);
        Assert.Equal("webrtc", sp.GetRequiredService<IVoiceActivityDetectorFactory>().Name);
        Assert.Equal(600, sp.GetRequiredService<EndpointerOptions>().EndSilenceMs);
    }

    [Fact]
    public void AddCollectIqSpeech_OpenAiWithoutKeyOnRemoteHost_FailsValidation()
    {
        using var sp = Build(new() { ["Speech:Stt"] = "OpenAi", ["Speech:OpenAi:BaseUrl"] = "https://api.example.com/v1" });
        var e = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<SpeechOptions>>().Value);
        Assert.Contains("ApiKey", e.Message);
    }

    [Fact]
    public void AddCollectIqSpeech_SileroModelMissing_FallsBackToWebRtc()
    {
        using var sp = Build(new() { ["Speech:ModelsDirectory"] = "/nonexistent" });
        Assert.Equal("webrtc", sp.GetRequiredService<IVoiceActivityDetectorFactory>().Name);
    }

    [Fact]
    public void AddCollectIqSpeech_EndSilenceOutOfRange_FailsValidation()
    {
        using var sp = Build(new() { ["Speech:EndSilenceMs"] = "10" });
        Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<SpeechOptions>>().Value);
    }
}
