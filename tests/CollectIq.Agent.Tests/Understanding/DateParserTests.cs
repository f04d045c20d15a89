using CollectIq.Agent.Understanding;

namespace CollectIq.Agent.Tests.Understanding;

public class DateParserTests
{
    // Wednesday, November 25, 2026
    private static readonly DateOnly Today = new(2026, 11, 25);

    [Theory]
    [InlineData("tomorrow", "2026-11-26")]
    [InlineData("today", "2026-11-25")]
    [InlineData("friday", "2026-11-27")]
    [InlineData("on friday", "2026-11-27")]
    [InlineData("next friday", "2026-12-04")]
    [InlineData("wednesday", "2026-12-02")]
    [InlineData("the fifteenth", "2026-12-15")]
    [InlineData("on the 28th", "2026-11-28")]
    [InlineData("the twenty first", "2026-12-21")]
    [InlineData("december fifteenth", "2026-12-15")]
    [InlineData("december 15", "2026-12-15")]
    [InlineData("fifteenth of december", "2026-12-15")]
    [InlineData("january 5th", "2027-01-05")]
    [InlineData("end of the month", "2026-11-30")]
    [InlineData("end of next month", "2026-12-31")]
    [InlineData("beginning of next month", "2026-12-01")]
    [InlineData("in two weeks", "2026-12-09")]
    [InlineData("in 10 days", "2026-12-05")]
    [InlineData("in a week", "2026-12-02")]
    [InlineData("12/15", "2026-12-15")]
    [InlineData("i will pay two hundred on the second", "2026-12-02")]
    public void Find_FutureExpression_ResolvesAgainstToday(string text, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), DateParser.Find(text, Today)?.Date);

    [Theory]
    [InlineData("yesterday", "2026-11-24")]
    [InlineData("last friday", "2026-11-20")]
    [InlineData("on monday", "2026-11-23")]
    [InlineData("two days ago", "2026-11-23")]
    [InlineData("the twentieth", "2026-11-20")]
    [InlineData("the 28th", "2026-10-28")]
    public void Find_PastExpression_ResolvesBackwards(string text, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), DateParser.Find(text, Today, past: true)?.Date);

    [Theory]
    [InlineData("hold on a second")]
    [InlineData("one second please")]
    [InlineData("my wife handles the bills")]
    [InlineData("two hundred dollars")]
    public void Find_NoDate_ReturnsNull(string text) => Assert.Null(DateParser.Find(text, Today));

    [Theory]
    [InlineData("tomorrow at three", 15, 0)]
    [InlineData("friday at 10 am", 10, 0)]
    [InlineData("monday at three thirty", 15, 30)]
    [InlineData("tomorrow morning", 9, 0)]
    [InlineData("tomorrow afternoon", 14, 0)]
    [InlineData("tomorrow at 7 pm", 19, 0)]
    public void Find_WithTime_ReadsTimeOfDay(string text, int hour, int minute) =>
        Assert.Equal(new TimeOnly(hour, minute), DateParser.Find(text, Today)?.Time);
}
