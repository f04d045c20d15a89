using CollectIq.Speech.Audio;
using CollectIq.Speech.Recognition;
using CollectIq.Speech.SpeechToText;
using CollectIq.Speech.SpeechToText.PocketSphinx;

namespace CollectIq.Speech.Tests.SpeechToText;

[Collection(EngineCollection.Name)]
public class SpeakerNormalisationTests(EngineFixture engines)
{
    private const string TestData = "/usr/share/pocketsphinx/test/data";

    /// <summary>A decoded "yes" over 100 speech frames: grammar and phone loop with the given total acoustic scores.</summary>
    private static (DecodedUtterance Grammar, DecodedUtterance Phones) Turn(int grammarScore, int loopScore, int frames = 100)
    {
        var grammar = new DecodedUtterance("yes", grammarScore, 0, frames, [], [new DecodedWord("yes", 0, frames - 1, grammarScore)]);
        var phones = new DecodedUtterance("Y EH S", loopScore, 0, frames, [], [new DecodedWord("Y", 0, frames - 1, loopScore)]);
        return (grammar, phones);
    }

    [Fact]
    public void Score_SameGapForABetterMatchedSpeaker_LowerConfidence()
    {
        var options = new PocketSphinxOptions();
        // Both turns: the grammar path is 30 per frame below the phone loop. The first speaker matches the acoustic
        // model as badly as the synthetic development voices (-11 per frame), the second like natural speech (-6).
        var (g1, p1) = Turn(grammarScore: -4100, loopScore: -1100);
        var (g2, p2) = Turn(grammarScore: -3600, loopScore: -600);
        var typical = PocketSphinxSpeechToText.Score(g1, p1, ExpectedAnswer.YesNo, options, TimeSpan.FromSeconds(1), TimeSpan.Zero);
        var natural = PocketSphinxSpeechToText.Score(g2, p2, ExpectedAnswer.YesNo, options, TimeSpan.FromSeconds(1), TimeSpan.Zero);

        Assert.False(typical.Rejected);                       // -30 against -32: accepted
        Assert.True(natural.Rejected);                        // -30 - 5 = -35: the better-matched voice must fit better
        Assert.True(natural.Confidence < typical.Confidence);
    }

    [Fact]
    public void Score_NormalisationOff_OnlyTheGapCounts()
    {
        var options = new PocketSphinxOptions { SpeakerNormalisation = 0 };
        var (g1, p1) = Turn(grammarScore: -4100, loopScore: -1100);
        var (g2, p2) = Turn(grammarScore: -3600, loopScore: -600);
        var a = PocketSphinxSpeechToText.Score(g1, p1, ExpectedAnswer.YesNo, options, TimeSpan.FromSeconds(1), TimeSpan.Zero);
        var b = PocketSphinxSpeechToText.Score(g2, p2, ExpectedAnswer.YesNo, options, TimeSpan.FromSeconds(1), TimeSpan.Zero);
        Assert.Equal(a.Confidence, b.Confidence, precision: 9);
    }

    [Theory]
    [InlineData("librivox/sense_and_sensibility_01_austen_64kb-0880.wav")]
    [InlineData("librivox/sense_and_sensibility_01_austen_64kb-0890.wav")]
    [InlineData("librivox/sense_and_sensibility_01_austen_64kb-0920.wav")]
    [InlineData("librivox/sense_and_sensibility_01_austen_64kb-0930.wav")]
    public async Task RecognizeAsync_HumanReadSpeechOffTopic_IsRejectedInTheIntentState(string file)
    {
        // Real human speech (pocketsphinx-testdata, installed by scripts/bootstrap.sh) through the phone line: a novel
        // read aloud answers no collections question, and the intent grammar must not turn it into a promise.
        var speech = WavFile.Read(Path.Combine(TestData, file));
        var pad = PcmAudio.Silence(TimeSpan.FromMilliseconds(300), speech.SampleRate);
        var phone = PhoneLine.Simulate(pad.Concat(speech).Concat(pad), -55, seed: file.Length);
        var result = await engines.Stt.RecognizeAsync(phone, ExpectedAnswer.Intent);
        Assert.True(result.Rejected, $"'{result.Text}' accepted as {result.Answer.Intent} ({result.Confidence:0.00})");
        Assert.Equal(SpokenIntent.Unknown, result.Answer.Intent);
    }
}
