using CollectIq.Agent.Dialog;
using CollectIq.Agent.Dialog.Llm;

namespace CollectIq.Agent.Tests.Dialog.Llm;

public class ReplyGuardTests
{
    private static ReplyGuard Guard(params decimal[] payerAmounts) => new(
        new DialogContext("Acme Supplies", "+15551234567", "Jordan Smith", DialogHarness.TwoInvoices, TimeZoneInfo.FindSystemTimeZoneById("America/New_York")),
        240, payerAmounts);

    [Theory]
    [InlineData("We may have to take legal action.", "forbidden-topic")]
    [InlineData("If you don't pay, we will sue you.", "forbidden-topic")]
    [InlineData("This could hurt your credit score.", "forbidden-topic")]
    [InlineData("You should talk to a lawyer about bankruptcy.", "forbidden-topic")]
    [InlineData("We can waive it if you pay $99.99 today.", "amount")]
    [InlineData("A late fee of 35 dollars applies.", "amount")]
    [InlineData("How about 150 this week?", "amount")]
    [InlineData("You could settle for fifty dollars today.", "amount")]
    [InlineData("A fee of twelve dollars and ninety nine cents applies.", "amount")]
    public void Check_ForbiddenSentence_DroppedWithReason(string sentence, string reason)
    {
        Assert.Null(Guard().Check(sentence, out var dropReason));
        Assert.Equal(reason, dropReason);
    }

    [Theory]
    [InlineData("Your total is $245.50.", "Your total is two hundred forty-five dollars and fifty cents.")]
    [InlineData("Invoice INV-1002 is for 125 dollars.", "Invoice INV-1002 is for one hundred twenty-five dollars.")]
    [InlineData("**Sure**, I can help with that.", "Sure , I can help with that.")]
    [InlineData("We could call you on the 27th at 10:30.", "We could call you on the 27th at 10:30.")]
    [InlineData("That was due in October 2026.", "That was due in October 2026.")]
    [InlineData("Your balance is two hundred forty five dollars and fifty cents.", "Your balance is two hundred forty five dollars and fifty cents.")]
    [InlineData("Could you pay on the 15th of December?", "Could you pay on the 15th of December?")]
    public void Check_AllowedSentence_SpokenForm(string sentence, string expected)
    {
        Assert.Equal(expected, Guard().Check(sentence, out var reason));
        Assert.Null(reason);
    }

    [Fact]
    public void Check_AmountThePayerSaid_Allowed()
    {
        Assert.Equal("So one hundred dollars works for you.", Guard(100m).Check("So $100 works for you.", out _));
        Assert.Null(Guard().Check("So $100 works for you.", out _));
    }

    [Fact]
    public void Check_TooLong_Dropped()
    {
        Assert.Null(Guard().Check(string.Join(' ', Enumerable.Repeat("very", 80)) + ".", out var reason));
        Assert.Equal("too-long", reason);
    }
}
