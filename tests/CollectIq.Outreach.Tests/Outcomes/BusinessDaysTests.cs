using CollectIq.Outreach.Outcomes;

namespace CollectIq.Outreach.Tests.Outcomes;

public sealed class BusinessDaysTests
{
    private static readonly HashSet<DateOnly> None = [];

    [Theory]
    [InlineData("2026-07-15", 5, "2026-07-22")] // Wednesday → next Wednesday
    [InlineData("2026-07-17", 1, "2026-07-20")] // Friday → Monday
    [InlineData("2026-07-18", 1, "2026-07-20")] // Saturday → Monday
    [InlineData("2026-07-19", 5, "2026-07-24")] // Sunday → Friday
    public void Add_SkipsWeekends(string from, int days, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), BusinessDays.Add(DateOnly.Parse(from), days, None));

    [Fact]
    public void Add_SkipsConfiguredHolidays()
    {
        var christmas = new HashSet<DateOnly> { new(2026, 12, 25) };
        // Thursday 24 Dec + 2 business days: Friday is a holiday → Monday 28, Tuesday 29.
        Assert.Equal(new DateOnly(2026, 12, 29), BusinessDays.Add(new DateOnly(2026, 12, 24), 2, christmas));
    }

    [Fact]
    public void OutcomeOptions_OutOfRange_EveryProblemListed()
    {
        var options = new OutreachOptions
        {
            Outcomes = new OutcomeOptions { PromiseGraceDays = -1, PaidVerificationBusinessDays = 0, WrongPartyThreshold = 0, ReviewInterval = TimeSpan.Zero },
            Reconciler = new CollectIq.Outreach.Reconciliation.ReconcilerOptions { StaleAfter = TimeSpan.FromSeconds(10), BatchSize = 0 },
        };

        var errors = options.Validate().ToList();

        foreach (var key in new[] { "PromiseGraceDays", "PaidVerificationBusinessDays", "WrongPartyThreshold", "ReviewInterval", "StaleAfter", "BatchSize" })
            Assert.Contains(errors, e => e.Contains(key));
    }
}
