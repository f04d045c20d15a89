namespace CollectIq.Outreach.Outcomes;

/// <summary>Business-day arithmetic on the payer's calendar: Monday–Friday, minus the configured holidays.</summary>
public static class BusinessDays
{
    /// <summary>The <paramref name="count"/>-th business day after <paramref name="from"/> (not counting <paramref name="from"/>).</summary>
    public static DateOnly Add(DateOnly from, int count, IReadOnlySet<DateOnly> holidays)
    {
        var day = from;
        var left = count;
        while (left > 0)
        {
            day = day.AddDays(1);
            if (IsBusinessDay(day, holidays)) left--;
        }
        return day;
    }

    public static bool IsBusinessDay(DateOnly day, IReadOnlySet<DateOnly> holidays) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(day);
}
