using CollectIq.Speech.Audio;
using CollectIq.Speech.Recognition;
using CollectIq.Speech.SpeechToText;
using CollectIq.Speech.SpeechToText.PocketSphinx;

namespace CollectIq.Speech.Tests.SpeechToText;

[Collection(EngineCollection.Name)]
public class PocketSphinxSpeechToTextTests(EngineFixture engines)
{
    public static TheoryData<string, ExpectedAnswer, SpokenIntent> Answers => new()
    {
        { "yes", ExpectedAnswer.YesNo, SpokenIntent.Yes },
        { "no", ExpectedAnswer.YesNo, SpokenIntent.No },
        { "speaking", ExpectedAnswer.Identity, SpokenIntent.IdentityConfirmed },
        { "you have the wrong number", ExpectedAnswer.Identity, SpokenIntent.WrongNumber },
        { "two hundred dollars", ExpectedAnswer.Amount, SpokenIntent.AmountGiven },
        { "December fifteenth", ExpectedAnswer.Date, SpokenIntent.DateGiven },
        { "I already paid it last week", ExpectedAnswer.Intent, SpokenIntent.AlreadyPaid },
        { "stop calling me", ExpectedAnswer.Intent, SpokenIntent.StopCalling },
        { "send me a payment link", ExpectedAnswer.Intent, SpokenIntent.PaymentLink },
        { "I don't owe that", ExpectedAnswer.Intent, SpokenIntent.Dispute },
    };

    [Fact]
    public async Task RecognizeAsync_PhoneBandAnswersPerGrammar_MostGetTheRightIntent()
    {
        var right = 0;
        var misses = new List<string>();
        foreach (var row in Answers)
        {
            var (text, expected, intent) = ((string)row[0], (ExpectedAnswer)row[1], (SpokenIntent)row[2]);
            var (audio, _, _) = await engines.PhoneSpeechAsync(text, padSeconds: 0.3, noiseDbfs: -55, seed: text.Length);
            var result = await engines.Stt.RecognizeAsync(audio, expected);
            if (result.Answer.Intent == intent) right++;
            else misses.Add($"'{text}' → '{result.Text}' ({result.Answer.Intent}, {result.Confidence:0.00})");
            // Never a different, confident intent: a miss must be a rejection.
            Assert.True(result.Answer.Intent == intent || result.Answer.Intent == SpokenIntent.Unknown, $"'{text}' misread as {result.Answer.Intent}");
        }
        Assert.True(right >= 7, $"{right}/10 right; misses: {string.Join("; ", misses)}");
    }

    [Fact]
    public async Task RecognizeAsync_AmountWithCents_ParsesTheNumber()
    {
        var (audio, _, _) = await engines.PhoneSpeechAsync("three hundred forty dollars and fifty cents", padSeconds: 0.3);
        // A fresh recognizer: pooled decoders carry live CMN from whatever the parallel tests fed them before
        // (docs/ROADMAP.md), and this test is about the parse of one first-turn utterance, not about that history.
        using var stt = new PocketSphinxSpeechToText();
        var result = await stt.RecognizeAsync(audio, ExpectedAnswer.Amount);
        // The dollars must be exact; the cents may be misheard ("fifty two") on the phone band.
        Assert.InRange(result.Answer.Amount ?? 0, 340.01m, 340.99m);
    }

    [Fact]
    public async Task RecognizeAsync_OutOfDomainSpeech_IsRejectedNotAPromise()
    {
        var sentences = new[] { "hold on a second", "my wife handles the bills", "the weather has been terrible this week", "let me find my glasses" };
        var rejected = 0;
        foreach (var sentence in sentences)
        {
            var (audio, _, _) = await engines.PhoneSpeechAsync(sentence, padSeconds: 0.3, noiseDbfs: -55, seed: sentence.Length);
            var result = await engines.Stt.RecognizeAsync(audio, ExpectedAnswer.Intent);
            if (result.Rejected && result.Answer.Intent == SpokenIntent.Unknown) rejected++;
        }
        Assert.True(rejected >= 3, $"only {rejected}/4 out-of-domain sentences rejected");
    }

    [Fact]
    public async Task RecognizeAsync_BareAmountAndDateWithMoneyWord_IsAPromise()
    {
        var (audio, _, _) = await engines.PhoneSpeechAsync("two hundred dollars on Friday", padSeconds: 0.3, noiseDbfs: -55, seed: 7);
        var result = await engines.Stt.RecognizeAsync(audio, ExpectedAnswer.Intent);
        Assert.Equal("two hundred dollars on friday", result.Text);
        Assert.Equal(SpokenIntent.PromiseToPay, result.Answer.Intent);
        Assert.Equal(200m, result.Answer.Amount);
    }

    [Fact]
    public async Task RecognizeAsync_BareNumberAndDateInIntentState_NeedsAMoneyWord()
    {
        // "hold on a second" used to come back as "twelve on the second", a promise: in the intent state an amount
        // before a date now needs a money word ("dollars", "bucks"), so even said outright the bare form is not heard
        // (the grammar may insert the money word; the dialog reads the amount back).
        var (audio, _, _) = await engines.PhoneSpeechAsync("twelve on the second", padSeconds: 0.3, noiseDbfs: -55, seed: 12);
        var result = await engines.Stt.RecognizeAsync(audio, ExpectedAnswer.Intent);
        Assert.NotEqual("twelve on the second", result.Text);
        var words = result.Text.Split(' ');
        Assert.True(words.FirstOrDefault() is "i" or "i'll" or "by" or "on" or "the" || words.Contains("dollars") || words.Contains("bucks") || words.Contains("all"),
            $"'{result.Text}' is a bare amount before a date");
    }

    [Fact]
    public async Task Session_StreamedIn20MsFrames_GivesPartialsAndFinal()
    {
        var (audio, _, _) = await engines.PhoneSpeechAsync("stop calling me", padSeconds: 0.3);
        using var session = engines.Stt.StartSession(ExpectedAnswer.Intent);
        string? partial = null;
        for (var i = 0; i + 160 <= audio.Samples.Length; i += 160)
        {
            session.AcceptAudio(audio.Samples.AsSpan(i, 160));
            partial ??= string.IsNullOrEmpty(session.PartialText) ? null : session.PartialText;
        }
        var result = await session.FinishAsync();
        Assert.NotNull(partial);
        Assert.Equal(SpokenIntent.StopCalling, result.Answer.Intent);
        Assert.InRange(result.AudioDuration.TotalSeconds, 1.0, 3.0);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await session.FinishAsync());
    }

    [Fact]
    public async Task StartSession_ConcurrentCalls_EachGetsItsOwnDecoder()
    {
        var (yes, _, _) = await engines.PhoneSpeechAsync("yes", padSeconds: 0.3);
        var (no, _, _) = await engines.PhoneSpeechAsync("no", padSeconds: 0.3);
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => engines.Stt.RecognizeAsync(i % 2 == 0 ? yes : no, ExpectedAnswer.YesNo))));
        for (var i = 0; i < 4; i++) Assert.Equal(i % 2 == 0 ? SpokenIntent.Yes : SpokenIntent.No, results[i].Answer.Intent);
    }

    [Fact]
    public async Task RecognizeAsync_Silence_IsEmptyAndRejected()
    {
        var silence = PhoneLine.Simulate(PcmAudio.Silence(TimeSpan.FromSeconds(1), 8000), noiseDbfs: -60);
        var result = await engines.Stt.RecognizeAsync(silence, ExpectedAnswer.YesNo);
        Assert.True(result.Rejected);
        Assert.Equal(SpokenIntent.Unknown, result.Answer.Intent);
    }

    [Fact]
    public async Task StartSession_DialogStatesInTurn_OneDecoderLoadsEachStatesGrammar()
    {
        // Decoders hold one dialog-state grammar at a time and load the next state's at turn start.
        using var stt = new PocketSphinxSpeechToText(new PocketSphinxOptions { PoolSize = 1 });
        var turns = new (string Text, ExpectedAnswer Expected, SpokenIntent Intent)[]
        {
            ("yes", ExpectedAnswer.YesNo, SpokenIntent.Yes),
            ("stop calling me", ExpectedAnswer.Intent, SpokenIntent.StopCalling),
            ("no", ExpectedAnswer.YesNo, SpokenIntent.No),
            ("yes", ExpectedAnswer.YesNo, SpokenIntent.Yes),
        };
        foreach (var (text, expected, intent) in turns)
        {
            var (audio, _, _) = await engines.PhoneSpeechAsync(text, padSeconds: 0.3);
            var result = await stt.RecognizeAsync(audio, expected);
            Assert.Equal(intent, result.Answer.Intent);
        }
        Assert.Equal(1, stt.DecodersCreated);
    }
}
