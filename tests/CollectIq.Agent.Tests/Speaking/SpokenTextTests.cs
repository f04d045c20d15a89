using CollectIq.Agent.Speaking;

namespace CollectIq.Agent.Tests.Speaking;

public class SpokenTextTests
{
    [Theory]
    [InlineData(0, "zero")]
    [InlineData(7, "seven")]
    [InlineData(15, "fifteen")]
    [InlineData(40, "forty")]
    [InlineData(45, "forty-five")]
    [InlineData(100, "one hundred")]
    [InlineData(245, "two hundred forty-five")]
    [InlineData(1200, "one thousand two hundred")]
    [InlineData(1_000_005, "one million five")]
    [InlineData(21_345, "twenty-one thousand three hundred forty-five")]
    public void ToWords_Number_ReadsAloud(long number, string expected) => Assert.Equal(expected, NumberWords.ToWords(number));

    [Theory]
    [InlineData(1, "first")]
    [InlineData(2, "second")]
    [InlineData(12, "twelfth")]
    [InlineData(15, "fifteenth")]
    [InlineData(20, "twentieth")]
    [InlineData(21, "twenty-first")]
    [InlineData(30, "thirtieth")]
    [InlineData(31, "thirty-first")]
    public void ToOrdinal_Day_ReadsAloud(int day, string expected) => Assert.Equal(expected, NumberWords.ToOrdinal(day));

    [Theory]
    [InlineData("245.50", "USD", "two hundred forty-five dollars and fifty cents")]
    [InlineData("200", "USD", "two hundred dollars")]
    [InlineData("1", "USD", "one dollar")]
    [InlineData("0.01", "USD", "one cent")]
    [InlineData("1200.05", "EUR", "one thousand two hundred euros and five cents")]
    [InlineData("3.5", "GBP", "three pounds and fifty pence")]
    [InlineData("10.999", "USD", "eleven dollars")]
    public void Format_Amount_ReadsAloud(string amount, string currency, string expected) =>
        Assert.Equal(expected, SpokenAmount.Format(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency));

    [Fact]
    public void Format_DateSameYear_WeekdayMonthOrdinal() =>
        Assert.Equal("Tuesday, December fifteenth", SpokenDate.Format(new DateOnly(2026, 12, 15), new DateOnly(2026, 11, 25)));

    [Fact]
    public void Format_DateOtherYear_AddsYearInPairs() =>
        Assert.Equal("Friday, January first, twenty twenty-seven", SpokenDate.Format(new DateOnly(2027, 1, 1), new DateOnly(2026, 11, 25)));

    [Theory]
    [InlineData(9, 0, "nine a.m.")]
    [InlineData(15, 30, "three thirty p.m.")]
    [InlineData(12, 0, "noon")]
    [InlineData(14, 5, "two oh five p.m.")]
    public void FormatTime_Time_ReadsAloud(int hour, int minute, string expected) =>
        Assert.Equal(expected, SpokenDate.FormatTime(new TimeOnly(hour, minute)));

    [Fact]
    public void PhoneNumber_Nanp_GroupsDigits() =>
        Assert.Equal("five five five, one two three, four five six seven", SpokenDigits.PhoneNumber("+15551234567"));
}
