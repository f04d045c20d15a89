namespace CollectIq.Outreach.Compliance;

/// <summary>
/// FDCPA §805(a)(1) / Regulation F: no calls before 08:00 or from 21:00 at the payer's location (configurable,
/// narrower per weekday, closed on Sundays and holidays if configured). The location is the payer's stored
/// zone, else every zone of the phone number: the call is allowed only if it is inside the window in all.
/// </summary>
public sealed class CallingWindowRule(OutreachOptions options) : IDialingRule
{
    public const string RuleName = "calling-window";
    private readonly CallingWindowOptions _window = options.CallingWindow;
    private readonly HashSet<DateOnly> _holidays = [.. options.CallingWindow.Holidays];

    public string Name => RuleName;

    public RuleVerdict Evaluate(DialingCandidate candidate, DateTimeOffset now)
    {
        foreach (var zone in candidate.TimeZones)
        {
            var local = LocalClock.LocalTime(zone, now);
            if (IsOpen(local, out var why)) continue;
            return RuleVerdict.Refuse(Name,
                $"Outside the calling window in {zone.Id}: it is {local:ddd HH:mm} there; {why}.",
                NextAllowed(candidate.TimeZones, now));
        }
        return RuleVerdict.Allow(Name);
    }

    /// <summary>The window for a local date, or null when no calls are allowed that day.</summary>
    public DailyWindow? WindowFor(DateOnly date, out string? closedBecause)
    {
        closedBecause = null;
        if (_holidays.Contains(date)) { closedBecause = $"{date:yyyy-MM-dd} is a holiday"; return null; }
        if (date.DayOfWeek == DayOfWeek.Sunday && _window.NoSundays) { closedBecause = "no calls on Sundays"; return null; }
        var window = _window.WeekdayOverrides.TryGetValue(date.DayOfWeek, out var over) ? over : _window.Default;
        if (window.Closed) { closedBecause = $"no calls on {date.DayOfWeek}s"; return null; }
        return window;
    }

    private bool IsOpen(DateTime local, out string why)
    {
        var window = WindowFor(DateOnly.FromDateTime(local), out var closed);
        if (window is null) { why = closed!; return false; }
        var time = TimeOnly.FromDateTime(local);
        why = $"calls are allowed {window.Start:HH\\:mm}–{window.End:HH\\:mm}";
        return time >= window.Start && time < window.End;
    }

    /// <summary>
    /// The first instant inside the window in every zone: jump to the latest next-opening among the zones
    /// that are closed, until all are open (a few iterations; none when the zones never overlap).
    /// </summary>
    public DateTimeOffset? NextAllowed(IReadOnlyList<TimeZoneInfo> zones, DateTimeOffset from)
    {
        var t = from;
        for (var i = 0; i < 32; i++)
        {
            DateTimeOffset? jump = null;
            foreach (var zone in zones)
            {
                if (IsOpen(LocalClock.LocalTime(zone, t), out _)) continue;
                var opening = NextOpening(zone, t);
                if (opening is null) return null;
                if (jump is null || opening > jump) jump = opening;
            }
            if (jump is null) return t;
            t = jump.Value;
        }
        return null;
    }

    private DateTimeOffset? NextOpening(TimeZoneInfo zone, DateTimeOffset after)
    {
        var localDate = LocalClock.LocalDate(zone, after);
        for (var d = 0; d <= 14; d++)
        {
            var date = localDate.AddDays(d);
            var window = WindowFor(date, out _);
            if (window is null) continue;
            var start = LocalClock.ToInstant(zone, date, window.Start);
            var end = LocalClock.ToInstant(zone, date, window.End);
            if (start > after) return start;
            if (after < end) return after; // already open in this zone
        }
        return null;
    }
}
