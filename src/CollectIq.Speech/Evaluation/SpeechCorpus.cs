using CollectIq.Speech.Recognition;

namespace CollectIq.Speech.Evaluation;

/// <summary>One corpus sentence: what is said, under which dialog state, and what it must mean.</summary>
public sealed record CorpusSentence(string Text, ExpectedAnswer Expected, SpokenIntent Intent, decimal? Amount = null, string? Date = null)
{
    public bool InDomain => Intent != SpokenIntent.Unknown;
}

/// <summary>A synthetic speaker: engine + voice + rate.</summary>
public sealed record CorpusVoice(string Engine, string Voice, double Rate = 1.0)
{
    public override string ToString() => Rate == 1.0 ? $"{Engine}:{Voice}" : $"{Engine}:{Voice}@{Rate:0.##}";
}

/// <summary>
/// The evaluation corpus: collections answers per dialog state, and out-of-domain sentences that must be
/// rejected. Development voices (used to tune thresholds) are disjoint from evaluation voices.
/// </summary>
public static class SpeechCorpus
{
    public static readonly IReadOnlyList<CorpusSentence> Sentences =
    [
        new("yes", ExpectedAnswer.YesNo, SpokenIntent.Yes),
        new("yeah that's right", ExpectedAnswer.YesNo, SpokenIntent.Yes),
        new("no", ExpectedAnswer.YesNo, SpokenIntent.No),
        new("nope", ExpectedAnswer.YesNo, SpokenIntent.No),
        new("that's correct", ExpectedAnswer.YesNo, SpokenIntent.Yes),
        new("yes this is she", ExpectedAnswer.Identity, SpokenIntent.IdentityConfirmed),
        new("speaking", ExpectedAnswer.Identity, SpokenIntent.IdentityConfirmed),
        new("you have the wrong number", ExpectedAnswer.Identity, SpokenIntent.WrongNumber),
        new("he's not here", ExpectedAnswer.Identity, SpokenIntent.NotAvailable),
        new("who is calling", ExpectedAnswer.Identity, SpokenIntent.WhoIsCalling),
        new("two hundred dollars", ExpectedAnswer.Amount, SpokenIntent.AmountGiven, 200),
        new("one hundred fifty dollars", ExpectedAnswer.Amount, SpokenIntent.AmountGiven, 150),
        new("I can pay seventy five dollars", ExpectedAnswer.Amount, SpokenIntent.AmountGiven, 75),
        new("three hundred forty dollars and fifty cents", ExpectedAnswer.Amount, SpokenIntent.AmountGiven, 340.50m),
        new("one thousand two hundred dollars", ExpectedAnswer.Amount, SpokenIntent.AmountGiven, 1200),
        new("December fifteenth", ExpectedAnswer.Date, SpokenIntent.DateGiven, Date: "december 15"),
        new("next Friday", ExpectedAnswer.Date, SpokenIntent.DateGiven, Date: "next friday"),
        new("on the twenty first", ExpectedAnswer.Date, SpokenIntent.DateGiven, Date: "the 21"),
        new("by the end of the month", ExpectedAnswer.Date, SpokenIntent.DateGiven, Date: "end of the month"),
        new("January third", ExpectedAnswer.Date, SpokenIntent.DateGiven, Date: "january 3"),
        new("tomorrow", ExpectedAnswer.Date, SpokenIntent.DateGiven, Date: "tomorrow"),
        new("I can pay two hundred dollars on December fifteenth", ExpectedAnswer.Intent, SpokenIntent.PromiseToPay, 200, "december 15"),
        new("I will pay on Friday", ExpectedAnswer.Intent, SpokenIntent.PromiseToPay, Date: "friday"),
        new("I'll send one hundred dollars next week", ExpectedAnswer.Intent, SpokenIntent.PromiseToPay, 100, "next week"),
        new("I want to pay it today", ExpectedAnswer.Intent, SpokenIntent.PayNow),
        new("I can pay right now", ExpectedAnswer.Intent, SpokenIntent.PayNow),
        new("I already paid it last week", ExpectedAnswer.Intent, SpokenIntent.AlreadyPaid),
        new("I sent the payment already", ExpectedAnswer.Intent, SpokenIntent.AlreadyPaid),
        new("I don't owe that", ExpectedAnswer.Intent, SpokenIntent.Dispute),
        new("that's not my bill", ExpectedAnswer.Intent, SpokenIntent.Dispute),
        new("I never got the invoice", ExpectedAnswer.Intent, SpokenIntent.Dispute),
        new("can you call me back later", ExpectedAnswer.Intent, SpokenIntent.Callback),
        new("this is not a good time", ExpectedAnswer.Intent, SpokenIntent.Callback),
        new("stop calling me", ExpectedAnswer.Intent, SpokenIntent.StopCalling),
        new("take me off your list", ExpectedAnswer.Intent, SpokenIntent.StopCalling),
        new("send me a payment link", ExpectedAnswer.Intent, SpokenIntent.PaymentLink),
        new("text me the link", ExpectedAnswer.Intent, SpokenIntent.PaymentLink),
        new("I can't pay right now", ExpectedAnswer.Intent, SpokenIntent.CannotPay),
        new("I lost my job", ExpectedAnswer.Intent, SpokenIntent.CannotPay),
        // Out of domain: must come back Unknown (no intent, never a promise).
        new("hold on a second", ExpectedAnswer.Intent, SpokenIntent.Unknown),
        new("my wife handles the bills", ExpectedAnswer.Intent, SpokenIntent.Unknown),
        new("what company did you say you were with", ExpectedAnswer.Intent, SpokenIntent.Unknown),
        new("the weather has been terrible this week", ExpectedAnswer.Intent, SpokenIntent.Unknown),
        new("let me find my glasses", ExpectedAnswer.Intent, SpokenIntent.Unknown),
        new("I'm driving so I will have to go", ExpectedAnswer.Intent, SpokenIntent.Unknown),
        new("hang on the dog is barking", ExpectedAnswer.Date, SpokenIntent.Unknown),
        new("sorry could you repeat that", ExpectedAnswer.Amount, SpokenIntent.Unknown),
        new("my daughter is calling me from upstairs", ExpectedAnswer.Date, SpokenIntent.Unknown),
        new("how did you get this number", ExpectedAnswer.Amount, SpokenIntent.Unknown),
        new("I need to talk to my accountant first", ExpectedAnswer.Intent, SpokenIntent.Unknown),
        new("the kids are making a lot of noise here", ExpectedAnswer.Intent, SpokenIntent.Unknown),
    ];

    /// <summary>Voices the report is scored on (never used to tune anything).</summary>
    public static readonly IReadOnlyList<CorpusVoice> EvaluationVoices =
    [
        new("flite", "rms"), new("flite", "slt"), new("flite", "awb"), new("flite", "kal16"),
        new("espeak", "en-us", 0.85), new("espeak", "en-us", 1.05), new("espeak", "en-us+f3"),
    ];

    /// <summary>
    /// Voices used to tune thresholds and recognizer settings (never the evaluation voices). Four voices, so the
    /// rejection threshold rests on 48 out-of-domain utterances rather than 24.
    /// </summary>
    public static readonly IReadOnlyList<CorpusVoice> DevelopmentVoices =
        [new("flite", "kal"), new("espeak", "en+m3"), new("espeak", "en+f2"), new("espeak", "en-us+m1", 0.95)];
}
