using System.Globalization;

namespace CollectIq.Agent.Speaking;

/// <summary>Dates and times as spoken words: "Tuesday, December fifteenth", "three thirty p.m.".</summary>
public static class SpokenDate
{
    /// <summary>The year is added only when it differs from <paramref name="today"/>'s year.</summary>
    public static string Format(DateOnly date, DateOnly? today = null)
    {
        var text = date.DayOfWeek.ToString() + ", " + CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(date.Month)
            + " " + NumberWords.ToOrdinal(date.Day);
        if (today is { } t && t.Year != date.Year) text += ", " + Year(date.Year);
        return text;
    }

    /// <summary>"nine a.m.", "three thirty p.m.", "noon".</summary>
    public static string FormatTime(TimeOnly time)
    {
        if (time is { Hour: 12, Minute: 0 }) return "noon";
        var hour12 = time.Hour % 12 == 0 ? 12 : time.Hour % 12;
        var text = NumberWords.ToWords(hour12);
        if (time.Minute > 0) text += time.Minute < 10 ? " oh " + NumberWords.ToWords(time.Minute) : " " + NumberWords.ToWords(time.Minute);
        return text + (time.Hour < 12 ? " a.m." : " p.m.");
    }

    /// <summary>Years are read in pairs: 2026 → "twenty twenty-six"; 2000 → "two thousand".</summary>
    public static string Year(int year)
    {
        if (year % 1000 < 10) return NumberWords.ToWords(year);
        return NumberWords.ToWords(year / 100) + " " + NumberWords.ToWords(year % 100);
    }
}
