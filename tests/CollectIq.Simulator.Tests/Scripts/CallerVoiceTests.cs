using CollectIq.Simulator.Scripts;
using CollectIq.Speech.Audio;

namespace CollectIq.Simulator.Tests.Scripts;

public sealed class CallerVoiceTests
{
    public static TheoryData<string> Voices => ["espeak-ng", "flite"];

    private static ICallerVoice Create(string name) => name == "flite" ? new FliteCallerVoice() : new EspeakCallerVoice();

    [Theory]
    [MemberData(nameof(Voices))]
    public async Task Synthesize_Sentence_ProducesAudibleMulawAtTelephoneRate(string name)
    {
        var mulaw = await Create(name).SynthesizeAsync("I can pay on Friday.");

        // A short sentence: roughly 1 to 3 seconds at 8,000 bytes per second.
        Assert.InRange(mulaw.Length, 6_000, 30_000);
        var pcm = MuLaw.Decode(mulaw);
        var rms = Math.Sqrt(pcm.Average(s => (double)s * s));
        Assert.True(rms > 300, $"speech should be audible, rms {rms:F0}");
    }

    [Fact]
    public async Task Synthesize_LongerText_LastsLonger()
    {
        var voice = new FliteCallerVoice();

        var short_ = await voice.SynthesizeAsync("Yes.");
        var long_ = await voice.SynthesizeAsync("Yes, I will pay the whole invoice next Friday morning.");

        Assert.True(long_.Length > 2 * short_.Length);
    }

    [Fact]
    public async Task Synthesize_MissingExecutable_ThrowsClearError()
    {
        var voice = new EspeakCallerVoice(executable: "espeak-ng-not-installed");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await voice.SynthesizeAsync("hello"));

        Assert.Contains("espeak-ng-not-installed", error.Message);
    }

    [Fact]
    public async Task Synthesize_TextLooksLikeOptions_IsSpokenNotParsed()
    {
        var mulaw = await new EspeakCallerVoice().SynthesizeAsync("--help -v xx; rm -rf /");

        Assert.True(mulaw.Length > 4000);
    }
}
