using CollectIq.Speech.Recognition;
using CollectIq.Speech.SpeechToText;
using CollectIq.Speech.SpeechToText.PocketSphinx;

namespace CollectIq.Speech.Tests.SpeechToText;

[Collection(EngineCollection.Name)]
public class FirstTurnTests(EngineFixture engines)
{
    [Fact]
    public async Task RecognizeAsync_FreshDecoderFirstTurn_UnderstoodWithTelephoneCmn()
    {
        // A new recognizer has never adapted its cepstral mean: the first turn relies on the telephone CMN init.
        var right = 0;
        foreach (var (text, expected, intent) in new[]
                 {
                     ("stop calling me", ExpectedAnswer.Intent, SpokenIntent.StopCalling),
                     ("yes", ExpectedAnswer.YesNo, SpokenIntent.Yes),
                     ("I don't owe that", ExpectedAnswer.Intent, SpokenIntent.Dispute),
                 })
        {
            using var fresh = new PocketSphinxSpeechToText(new PocketSphinxOptions { PoolSize = 1 });
            var (audio, _, _) = await engines.PhoneSpeechAsync(text, padSeconds: 0.3);
            if ((await fresh.RecognizeAsync(audio, expected)).Answer.Intent == intent) right++;
        }
        Assert.True(right >= 2, $"{right}/3 first turns understood");
    }
}
