using System.Globalization;

namespace CollectIq.Agent.Understanding;

/// <summary>A date (and maybe a time of day) understood from speech, relative to the payer's today.</summary>
public sealed record SpokenWhen(DateOnly Date, TimeOnly? Time);

/// <summary>
/// Dates in words, resolved against the payer's local today: "tomorrow", "next Friday", "the
/// fifteenth", "December 15th", "end of the month", "in two weeks", "12/15", plus an optional time
/// ("at three p m", "in the afternoon"). Deliberately strict: "a second" (as in "hold on a second")
/// is not "the second".
/// </summary>
public static class DateParser
{
    private static readonly string[] MonthNames =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    private static readonly Dictionary<string, int> Months = BuildMonths();

    private static readonly Dictionary<string, DayOfWeek> Weekdays = new()
    {
        ["monday"] = DayOfWeek.Monday, ["tuesday"] = DayOfWeek.Tuesday, ["wednesday"] = DayOfWeek.Wednesday,
        ["thursday"] = DayOfWeek.Thursday, ["friday"] = DayOfWeek.Friday, ["saturday"] = DayOfWeek.Saturday,
        ["sunday"] = DayOfWeek.Sunday,
    };

    public static bool IsMonthName(string token) => Months.ContainsKey(token) && token != "may";

    /// <param name="past">True when the answer is about the past ("when did you pay?"): "Friday" is then last Friday.</param>
    public static SpokenWhen? Find(string text, DateOnly today, bool past = false) => Find(Tokens.Split(text), today, past);

    public static SpokenWhen? Find(IReadOnlyList<string> tokens, DateOnly today, bool past = false)
    {
        var padded = Tokens.Padded(tokens);
        var date = past ? FindPastDate(tokens, padded, today) : FindDate(tokens, padded, today);
        var time = FindTime(tokens, padded);
        if (date is null && time is null) return null;
        return new SpokenWhen(date ?? today, time);
    }

    private static DateOnly? FindDate(IReadOnlyList<string> tokens, string padded, DateOnly today)
    {
        if (padded.Contains(" day after tomorrow ")) return today.AddDays(2);
        if (padded.Contains(" tomorrow ")) return today.AddDays(1);
        if (padded.Contains(" today ") || padded.Contains(" tonight ") || padded.Contains(" right now ") || padded.Contains(" later today ")) return today;

        var lastOfMonth = new DateOnly(today.Year, today.Month, DateTime.DaysInMonth(today.Year, today.Month));
        if (padded.Contains(" end of next month ")) { var n = today.AddMonths(1); return new DateOnly(n.Year, n.Month, DateTime.DaysInMonth(n.Year, n.Month)); }
        if (padded.Contains(" end of the month ") || padded.Contains(" end of this month ") || padded.Contains(" end of month ")) return lastOfMonth;
        if (padded.Contains(" beginning of next month ") || padded.Contains(" start of next month ") || padded.Contains(" first of next month ") || padded.Contains(" first of the month "))
            return lastOfMonth.AddDays(1);
        if (padded.Contains(" end of the week ") || padded.Contains(" end of this week ")) return NextOrSame(today, DayOfWeek.Friday);
        if (padded.Contains(" next week ")) return today.AddDays(7);

        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            // "in two weeks", "in 10 days", "in a week", "in a couple of days"
            if (t == "in" && i + 2 < tokens.Count)
            {
                var j = i + 1;
                decimal count;
                if (tokens[j] is "a" or "one") { count = 1; j++; if (j < tokens.Count && tokens[j] == "couple") { count = 2; j++; if (j < tokens.Count && tokens[j] == "of") j++; } }
                else if (NumberParser.TryParseAt(tokens, j, out var n)) { count = n.Value; j = n.End; }
                else continue;
                if (j < tokens.Count && count is > 0 and < 400)
                {
                    if (tokens[j] is "day" or "days") return today.AddDays((int)count);
                    if (tokens[j] is "week" or "weeks") return today.AddDays(7 * (int)count);
                    if (tokens[j] is "month" or "months") return today.AddMonths((int)count);
                }
            }

            // "next friday", "this friday", "friday", "on friday"
            if (Weekdays.TryGetValue(t, out var weekday))
            {
                var prev = i > 0 ? tokens[i - 1] : null;
                if (prev == "next") return NextWeeks(today, weekday);
                return NextAfter(today, weekday);
            }

            // "december fifteenth", "december 15", "december the fifteenth"
            if (Months.TryGetValue(t, out var month) && (t != "may" || (i + 1 < tokens.Count && IsDayToken(tokens, i + 1))))
            {
                var k = i + 1;
                if (k < tokens.Count && tokens[k] == "the") k++;
                if (TryDay(tokens, k, out var day, out _)) return InYear(today, month, day);
            }

            // "the fifteenth", "the 15th", "on the 15", "fifteenth of december", "15th"
            if (TryDay(tokens, i, out var dayOfMonth, out var end, requireOrdinalOrThe: true, previous: i > 0 ? tokens[i - 1] : null))
            {
                var k = end;
                if (k < tokens.Count && tokens[k] == "of") k++;
                if (k < tokens.Count && Months.TryGetValue(tokens[k], out var m2)) return InYear(today, m2, dayOfMonth);
                if (k < tokens.Count && tokens[k] == "next" && k + 1 < tokens.Count && tokens[k + 1] == "month")
                {
                    var nm = today.AddMonths(1);
                    return Valid(nm.Year, nm.Month, dayOfMonth);
                }
                return DayThisOrNextMonth(today, dayOfMonth);
            }

            // "12/15" or "12/15/2026"
            if (t.Contains('/'))
            {
                var parts = t.Split('/');
                if (parts.Length >= 2 && int.TryParse(parts[0], out var mm) && int.TryParse(parts[1], out var dd) && mm is >= 1 and <= 12)
                {
                    if (parts.Length == 3 && int.TryParse(parts[2], out var yy)) return Valid(yy < 100 ? 2000 + yy : yy, mm, dd);
                    return InYear(today, mm, dd);
                }
            }
        }
        return null;
    }

    private static DateOnly? FindPastDate(IReadOnlyList<string> tokens, string padded, DateOnly today)
    {
        if (padded.Contains(" yesterday ")) return today.AddDays(-1);
        if (padded.Contains(" today ") || padded.Contains(" this morning ") || padded.Contains(" earlier today ")) return today;
        if (padded.Contains(" last week ")) return today.AddDays(-7);
        for (var i = 0; i < tokens.Count; i++)
        {
            // "two days ago", "a week ago"
            if (i + 2 < tokens.Count && tokens[i + 2] == "ago")
            {
                decimal count = tokens[i] is "a" or "one" ? 1 : NumberParser.TryParseAt(tokens, i, out var n) ? n.Value : 0;
                if (count is > 0 and < 400)
                {
                    if (tokens[i + 1] is "day" or "days") return today.AddDays(-(int)count);
                    if (tokens[i + 1] is "week" or "weeks") return today.AddDays(-7 * (int)count);
                }
            }
            if (Weekdays.TryGetValue(tokens[i], out var weekday))
            {
                var back = ((int)today.DayOfWeek - (int)weekday + 7) % 7;
                return today.AddDays(-(back == 0 ? 7 : back));
            }
        }
        // Absolute forms ("december first", "the 3rd", "11/20"): resolve forward, then step back a month/year if that lands in the future.
        var forward = FindDate(tokens, padded, today);
        if (forward is not { } f || f <= today) return forward;
        // Plainly future words stay future; the caller tells the payer that date is still ahead.
        if (padded.Contains(" tomorrow ") || padded.Contains(" next ") || padded.Contains(" in ")) return forward;
        var monthBack = f.AddMonths(-1);
        var mentionsMonth = tokens.Any(Months.ContainsKey) || tokens.Any(t => t.Contains('/'));
        return mentionsMonth ? f.AddYears(-1) : (monthBack.Day == f.Day ? monthBack : null);
    }

    /// <summary>"at three", "at 3 pm", "three thirty p m", "15:30", "in the morning/afternoon/evening", "noon".</summary>
    private static TimeOnly? FindTime(IReadOnlyList<string> tokens, string padded)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Contains(':') && TimeOnly.TryParseExact(t, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact)) return exact;
            var afterAt = i > 0 && tokens[i - 1] is "at" or "around" or "about";
            if (!NumberParser.TryParseAt(tokens, i, out var n)) continue;
            var k = n.End;
            var pm = k < tokens.Count && (tokens[k] is "pm" or "p.m" || (tokens[k] == "p" && k + 1 < tokens.Count && tokens[k + 1] == "m"));
            var am = k < tokens.Count && (tokens[k] is "am" or "a.m" || (tokens[k] == "a" && k + 1 < tokens.Count && tokens[k + 1] == "m"));
            var oclock = k < tokens.Count && tokens[k] is "o'clock" or "oclock";
            if (!(afterAt || pm || am || oclock)) continue;
            var value = (int)n.Value;
            int hour, minute = 0;
            if (value is >= 1 and <= 12) hour = value;
            else if (value >= 100 && value % 100 < 60 && value / 100 is >= 1 and <= 12) { hour = value / 100; minute = value % 100; } // "three thirty" parses as 330
            else if (value is >= 13 and <= 23 && !am) { hour = value; }
            else continue;
            if (pm && hour < 12) hour += 12;
            else if (am && hour == 12) hour = 0;
            else if (!pm && !am && hour is >= 1 and <= 7) hour += 12; // "at three" on a collections call means the afternoon
            if (padded.Contains(" evening ") || padded.Contains(" afternoon ") || padded.Contains(" tonight ")) { if (hour < 12) hour += 12; }
            return new TimeOnly(hour, minute);
        }
        if (padded.Contains(" noon ") || padded.Contains(" lunch")) return new TimeOnly(12, 0);
        if (padded.Contains(" morning ")) return new TimeOnly(9, 0);
        if (padded.Contains(" afternoon ")) return new TimeOnly(14, 0);
        if (padded.Contains(" evening ") || padded.Contains(" tonight ")) return new TimeOnly(18, 0);
        return null;
    }

    private static bool IsDayToken(IReadOnlyList<string> tokens, int i) =>
        i < tokens.Count && (tokens[i] == "the" || TryDay(tokens, i, out _, out _));

    /// <summary>A day of month 1..31 at <paramref name="i"/>: an ordinal, or a cardinal when <paramref name="requireOrdinalOrThe"/> is false or "the" precedes it.</summary>
    private static bool TryDay(IReadOnlyList<string> tokens, int i, out int day, out int end, bool requireOrdinalOrThe = false, string? previous = null)
    {
        day = 0; end = i;
        if (NumberParser.TryOrdinal(tokens, i, out day, out end))
        {
            // "second" only after "the", a month or "on": "hold on a second" / "one second" are not dates.
            if (tokens[i] == "second" && previous is not ("the" or "on") && requireOrdinalOrThe) return false;
            return day is >= 1 and <= 31;
        }
        if (requireOrdinalOrThe && previous != "the") return false;
        if (NumberParser.TryParseAt(tokens, i, out var n) && n.Value is >= 1 and <= 31 && n.Value == decimal.Truncate(n.Value))
        {
            day = (int)n.Value; end = n.End; return true;
        }
        return false;
    }

    private static DateOnly NextAfter(DateOnly today, DayOfWeek weekday)
    {
        var days = ((int)weekday - (int)today.DayOfWeek + 7) % 7;
        return today.AddDays(days == 0 ? 7 : days);
    }

    private static DateOnly NextOrSame(DateOnly today, DayOfWeek weekday) =>
        today.AddDays(((int)weekday - (int)today.DayOfWeek + 7) % 7);

    /// <summary>"next Friday" = Friday of next week (weeks start on Monday); the confirmation reads the date back.</summary>
    private static DateOnly NextWeeks(DateOnly today, DayOfWeek weekday)
    {
        var mondayOffset = ((int)today.DayOfWeek + 6) % 7;
        var nextMonday = today.AddDays(7 - mondayOffset);
        return nextMonday.AddDays(((int)weekday + 6) % 7);
    }

    /// <summary>A keypad day of month: the next such day (today included), or the last one when <paramref name="past"/>.</summary>
    public static DateOnly? DayOfMonth(DateOnly today, int day, bool past = false)
    {
        if (!past) return DayThisOrNextMonth(today, day);
        if (day <= today.Day) return Valid(today.Year, today.Month, day);
        var previous = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        return Valid(previous.Year, previous.Month, day);
    }

    private static DateOnly? DayThisOrNextMonth(DateOnly today, int day)
    {
        if (day >= today.Day && Valid(today.Year, today.Month, day) is { } thisMonth) return thisMonth;
        var next = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
        return Valid(next.Year, next.Month, day);
    }

    private static DateOnly? InYear(DateOnly today, int month, int day)
    {
        var candidate = Valid(today.Year, month, day);
        if (candidate is { } c && c < today.AddDays(-31)) return Valid(today.Year + 1, month, day);
        return candidate;
    }

    private static DateOnly? Valid(int year, int month, int day) =>
        month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;

    private static Dictionary<string, int> BuildMonths()
    {
        var d = new Dictionary<string, int>();
        for (var i = 0; i < MonthNames.Length; i++)
        {
            d[MonthNames[i]] = i + 1;
            if (MonthNames[i].Length > 3 && MonthNames[i] != "may") d[MonthNames[i][..3]] = i + 1;
        }
        d["sept"] = 9;
        return d;
    }
}
