using CollectIq.Speech.Audio;
using CollectIq.Speech.TextToSpeech;

namespace CollectIq.Speech.Tests.TextToSpeech;

[Collection(EngineCollection.Name)]
public class TextToSpeechTests(EngineFixture engines)
{
    public static TheoryData<string> Engines => new() { "flite", "espeak" };

    private ITextToSpeech Engine(string name) => name == "flite" ? engines.Flite : engines.Espeak;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task SynthesizeAsync_Sentence_NonSilentPhoneRateAudioOfPlausibleDuration(string name)
    {
        var audio = await Engine(name).SynthesizeAllAsync("Your balance is two hundred forty dollars and fifty cents.");
        Assert.Equal(8000, audio.SampleRate);
        Assert.InRange(audio.Duration.TotalSeconds, 2.0, 6.0);   // 10 words at 100–300 words per minute
        Assert.True(AudioLevel.Dbfs(audio.Samples) > -35, "audio is (nearly) silent");
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task SynthesizeAsync_TwoSentences_StreamsOneChunkPerSentence(string name)
    {
        var chunks = new List<PcmAudio>();
        await foreach (var chunk in Engine(name).SynthesizeAsync("Hello, this is CollectIQ. Is this a good time?")) chunks.Add(chunk);
        Assert.Equal(2, chunks.Count);
        Assert.All(chunks, c => Assert.True(c.Duration > TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task SynthesizeAsync_FliteDiphoneVoiceRate_FasterIsShorter()
    {
        // duration_stretch is honoured by the diphone voice (kal); the clustergen voices (rms, slt) ignore it.
        var kal = new FliteTextToSpeech("kal");
        var normal = await kal.SynthesizeAllAsync("I will call you back tomorrow afternoon.");
        var fast = await kal.SynthesizeAllAsync("I will call you back tomorrow afternoon.", new SpeechVoice(Rate: 1.5));
        Assert.True(fast.Duration < normal.Duration * 0.85);
    }

    [Fact]
    public void Constructor_UnknownFliteVoice_Throws() =>
        Assert.Throws<ArgumentException>(() => new FliteTextToSpeech("nonexistent"));

    [Fact]
    public async Task CachingTextToSpeech_RepeatedPhrase_ServedFromCache()
    {
        var calls = 0;
        var counting = new CountingTextToSpeech(engines.Flite, () => calls++);
        var cache = new CachingTextToSpeech(counting);
        var first = await cache.SynthesizeAllAsync("Thank you for your time.");
        var second = await cache.SynthesizeAllAsync("Thank you for your time.");
        Assert.Equal(1, calls);
        Assert.Equal(first.Samples, second.Samples);
    }

    [Fact]
    public async Task ToMuLawFrames_Audio_Produces20MsFrames()
    {
        var audio = await engines.Espeak.SynthesizeAllAsync("Goodbye.");
        var frames = audio.ToMuLawFrames().ToList();
        Assert.All(frames, f => Assert.Equal(160, f.Length));
        Assert.Equal((audio.Samples.Length + 159) / 160, frames.Count);
    }

    [Fact]
    public async Task SynthesizeAsync_EspeakRate_FasterIsShorter()
    {
        var normal = await engines.Espeak.SynthesizeAllAsync("I will call you back tomorrow afternoon.");
        var fast = await engines.Espeak.SynthesizeAllAsync("I will call you back tomorrow afternoon.", new SpeechVoice(Rate: 1.6));
        Assert.True(fast.Duration < normal.Duration * 0.85);
    }

    [Fact]
    public async Task SynthesizeAsync_Money_IsSpokenAsWordsNotDigits()
    {
        // "$240.50" read as words lasts far longer than a digit-by-digit or symbol reading would be cut to.
        var spoken = await engines.Espeak.SynthesizeAllAsync("$240.50");
        var words = await engines.Espeak.SynthesizeAllAsync("two hundred forty dollars and fifty cents");
        Assert.InRange(spoken.Duration.TotalMilliseconds, words.Duration.TotalMilliseconds - 50, words.Duration.TotalMilliseconds + 50);
    }

    [Fact]
    public void SentenceSplitter_AmountsAndAbbreviations_StayInOneSentence() =>
        Assert.Equal(["You owe $1.50 today.", "Can you pay?"], SentenceSplitter.Split("You owe $1.50 today. Can you pay?"));

    private sealed class CountingTextToSpeech(ITextToSpeech inner, Action onCall) : ITextToSpeech
    {
        public TextToSpeechCapabilities Capabilities => inner.Capabilities;
        public IAsyncEnumerable<PcmAudio> SynthesizeAsync(string text, SpeechVoice? voice = null, CancellationToken cancellationToken = default)
        {
            onCall();
            return inner.SynthesizeAsync(text, voice, cancellationToken);
        }
    }
}
