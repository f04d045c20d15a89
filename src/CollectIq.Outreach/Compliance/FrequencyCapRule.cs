namespace CollectIq.Outreach.Compliance;

/// <summary>
/// Regulation F (12 CFR 1006.14(b)(2)(i)(A)): at most 7 call attempts within 7 consecutive days. Days are the
/// payer's calendar days, as the regulation counts them: on day D we look at attempts placed on D-6..D, so
/// the limit lifts at local midnight when the oldest of those attempts leaves the period.
/// </summary>
public sealed class FrequencyCapRule(OutreachOptions options) : IDialingRule
{
    public const string RuleName = "frequency-cap";
    private readonly int _max = options.Frequency.MaxAttempts;
    private readonly int _days = options.Frequency.PeriodDays;

    public string Name => RuleName;

    public RuleVerdict Evaluate(DialingCandidate candidate, DateTimeOffset now)
    {
        if (candidate.RecentAttempts.Count < _max) return RuleVerdict.Allow(Name);
        var zone = candidate.TimeZones[0];
        var firstDay = LocalClock.LocalDate(zone, now).AddDays(-(_days - 1));
        var inPeriod = new List<DateOnly>(candidate.RecentAttempts.Count);
        foreach (var attempt in candidate.RecentAttempts)
        {
            if (attempt.At > now) continue;
            var day = LocalClock.LocalDate(zone, attempt.At);
            if (day >= firstDay) inPeriod.Add(day);
        }
        if (inPeriod.Count < _max) return RuleVerdict.Allow(Name);

        // Dropping the (count - max + 1) oldest attempts brings us under the cap.
        inPeriod.Sort();
        var releasingDay = inPeriod[inPeriod.Count - _max];
        var next = LocalClock.StartOfDay(zone, releasingDay.AddDays(_days));
        return RuleVerdict.Refuse(Name,
            $"{inPeriod.Count} call attempts in the last {_days} days (limit {_max}); next call allowed from {next.ToOffset(TimeSpan.Zero):yyyy-MM-dd HH:mm} UTC.",
            next);
    }
}
