using CollectIq.Speech.Recognition;

namespace CollectIq.Speech.Tests.Recognition;

public class AnswerInterpreterTests
{
    [Theory]
    [InlineData("i can pay two hundred dollars on december fifteenth", ExpectedAnswer.Intent, SpokenIntent.PromiseToPay, 200.0, "december 15")]
    [InlineData("three hundred forty dollars and fifty cents", ExpectedAnswer.Amount, SpokenIntent.AmountGiven, 340.5, null)]
    [InlineData("one fifty", ExpectedAnswer.Amount, SpokenIntent.AmountGiven, 150.0, null)]
    [InlineData("one thousand two hundred dollars", ExpectedAnswer.Amount, SpokenIntent.AmountGiven, 1200.0, null)]
    [InlineData("on the twenty first", ExpectedAnswer.Date, SpokenIntent.DateGiven, null, "the 21")]
    [InlineData("next friday", ExpectedAnswer.Date, SpokenIntent.DateGiven, null, "next friday")]
    [InlineData("i already paid it last week", ExpectedAnswer.Intent, SpokenIntent.AlreadyPaid, null, null)]
    [InlineData("yes this is she", ExpectedAnswer.Identity, SpokenIntent.IdentityConfirmed, null, null)]
    [InlineData("nope", ExpectedAnswer.YesNo, SpokenIntent.No, null, null)]
    [InlineData("stop calling me", ExpectedAnswer.Intent, SpokenIntent.StopCalling, null, null)]
    [InlineData("", ExpectedAnswer.Intent, SpokenIntent.Unknown, null, null)]
    public void Interpret_GrammarSentence_GivesIntentAndSlots(string text, ExpectedAnswer expected, SpokenIntent intent, double? amount, string? date)
    {
        var answer = AnswerInterpreter.Interpret(text, expected);
        Assert.Equal(new SpokenAnswer(intent, amount is { } a ? (decimal)a : null, date), answer);
    }

    [Theory]
    [InlineData("You owe $240.50.", "You owe two hundred forty dollars and fifty cents.")]
    [InlineData("Due Dec 15th", "Due December fifteenth")]
    [InlineData("Invoice INV-1042", "Invoice I N V one zero four two")]
    [InlineData("Call 555-010-4477", "Call five five five zero one zero four four seven seven")]
    public void SpokenForms_ToWords_SpeaksLikeAPerson(string text, string expected) =>
        Assert.Equal(expected, SpokenForms.ToWords(text));
}
