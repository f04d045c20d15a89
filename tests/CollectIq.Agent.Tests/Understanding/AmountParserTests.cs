using CollectIq.Agent.Understanding;

namespace CollectIq.Agent.Tests.Understanding;

public class AmountParserTests
{
    [Theory]
    [InlineData("two hundred dollars", "200")]
    [InlineData("two fifty", "250")]
    [InlineData("a hundred and twenty", "120")]
    [InlineData("one twenty five", "125")]
    [InlineData("twelve fifty", "1250")]
    [InlineData("twenty five hundred", "2500")]
    [InlineData("two thousand five hundred", "2500")]
    [InlineData("two hundred forty five dollars and fifty cents", "245.50")]
    [InlineData("two hundred dollars fifty", "200.50")]
    [InlineData("i can pay $245.50 on friday", "245.50")]
    [InlineData("1,200", "1200")]
    [InlineData("fifty cents", "0.50")]
    [InlineData("a thousand bucks", "1000")]
    [InlineData("i can pay two hundred and fifty dollars on december 15", "250")]
    [InlineData("on december 15 i can pay 300", "300")]
    [InlineData("in two weeks i will pay five hundred", "500")]
    [InlineData("ninety nine", "99")]
    public void Find_SpokenAmount_ParsesValue(string text, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), AmountParser.Find(text));

    [Theory]
    [InlineData("hold on a second")]
    [InlineData("my wife handles the bills")]
    [InlineData("on the fifteenth")]
    [InlineData("next friday")]
    public void Find_NoAmount_ReturnsNull(string text) => Assert.Null(AmountParser.Find(text));

    [Theory]
    [InlineData("ten oh one", "1001")]
    [InlineData("one zero zero two", "1002")]
    [InlineData("invoice 1003", "1003")]
    public void FindAll_DigitReading_ConcatenatesDigits(string text, string digits) =>
        Assert.Equal(digits, string.Concat(NumberParser.FindAll(Tokens.Split(text)).Select(n => n.Digits)));
}
