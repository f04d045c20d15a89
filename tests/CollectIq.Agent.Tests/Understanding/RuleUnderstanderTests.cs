using CollectIq.Agent.Understanding;

namespace CollectIq.Agent.Tests.Understanding;

public class RuleUnderstanderTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private readonly RuleUnderstander _understander = new();

    [Theory]
    [InlineData("i can pay two hundred on friday", Intent.PromiseToPay)]
    [InlineData("i'll pay it next week", Intent.PromiseToPay)]
    [InlineData("I already paid that last week", Intent.AlreadyPaid)]
    [InlineData("I sent a check on Monday", Intent.AlreadyPaid)]
    [InlineData("I dispute this invoice", Intent.Dispute)]
    [InlineData("that's not mine I never received the goods", Intent.Dispute)]
    [InlineData("can you call me back tomorrow", Intent.Callback)]
    [InlineData("just text me a link", Intent.PaymentLink)]
    [InlineData("stop calling me", Intent.OptOut)]
    [InlineData("please don't call this number again I'll pay", Intent.OptOut)]
    [InlineData("I don't know", Intent.DontKnow)]
    [InlineData("I can't pay right now", Intent.DontKnow)]
    [InlineData("yes speaking", Intent.RightParty)]
    [InlineData("yeah that's right", Intent.Yes)]
    [InlineData("no", Intent.No)]
    [InlineData("wrong number", Intent.WrongParty)]
    [InlineData("she's not here right now", Intent.WrongParty)]
    [InlineData("who is this", Intent.WhoIsCalling)]
    public void Understand_Phrase_MapsToIntent(string text, Intent expected) =>
        Assert.Equal(expected, _understander.Understand(text, 0.9, [], Today).Intent);

    [Theory]
    [InlineData("hold on a second")]
    [InlineData("my wife handles the bills")]
    [InlineData("hang on let me get a pen")]
    [InlineData("the weather is nice today")]
    [InlineData("")]
    public void Understand_OutOfDomain_IsUnknownNeverPromise(string text)
    {
        var meaning = _understander.Understand(text, 0.95, [], Today);
        Assert.Equal(Intent.Unknown, meaning.Intent);
        Assert.Null(meaning.Amount);
    }

    [Fact]
    public void Understand_HoldPhrase_FlagsHold() => Assert.True(_understander.Understand("hold on a second", 0.9, [], Today).Hold);

    [Fact]
    public void Understand_WeakKeyword_LowersConfidence()
    {
        var strong = _understander.Understand("i will pay", 0.9, [], Today);
        var weak = _understander.Understand("payment", 0.9, [], Today);
        Assert.Equal(0.9, strong.Confidence, 3);
        Assert.True(weak.Confidence < strong.Confidence);
    }

    [Fact]
    public void Understand_AlternativesDisagree_LowersConfidence()
    {
        var agreeing = _understander.Understand("i will pay on the second", 0.8, ["i will pay on the second"], Today);
        var disagreeing = _understander.Understand("i will pay on the second", 0.8, ["hold on a second", "i already paid"], Today);
        Assert.True(disagreeing.Confidence < agreeing.Confidence);
        Assert.True(disagreeing.Confidence < 0.6);
    }

    [Fact]
    public void Understand_PromiseWithSlots_ExtractsAmountAndDate()
    {
        var meaning = _understander.Understand("I can pay two fifty on the fifteenth", 0.9, [], Today);
        Assert.Equal(250m, meaning.Amount);
        Assert.Equal(new DateOnly(2026, 12, 15), meaning.When?.Date);
    }
}
