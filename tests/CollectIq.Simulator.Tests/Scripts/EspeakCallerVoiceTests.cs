using CollectIq.Simulator.Scripts;
using CollectIq.Speech.Audio;

namespace CollectIq.Simulator.Tests.Scripts;

public sealed class EspeakCallerVoiceTests
{
    [Fact]
    public async Task Synthesize_Sentence_ProducesAudibleMulawAtTelephoneRate()
    {
        var voice = new EspeakCallerVoice();

        var mulaw = await voice.SynthesizeAsync("I can pay on Friday.");

        // A short sentence: roughly 1 to 3 seconds at 8,000 bytes per second.
        Assert.InRange(mulaw.Length, 6_000, 30_000);
        var pcm = MuLaw.Decode(mulaw);
        var rms = Math.Sqrt(pcm.Average(s => (double)s * s));
        Assert.True(rms > 300, $"speech should be audible, rms {rms:F0}");
    }

    [Fact]
    public async Task Synthesize_MissingExecutable_ThrowsClearError()
    {
        var voice = new EspeakCallerVoice(executable: "espeak-ng-not-installed");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await voice.SynthesizeAsync("hello"));

        Assert.Contains("espeak-ng", error.Message);
    }
}
