namespace CollectIq.Speech.Vad;

/// <summary>
/// Guesses from the recognizer's partial hypothesis whether the caller has paused mid-number or mid-date
/// ("two hundred and …", "on the …", "December …"), so the endpointer can wait longer. The dialog may set
/// <see cref="Endpointer.Hold"/> itself instead (e.g. while collecting card digits).
/// </summary>
public static class TurnHoldHeuristics
{
    private static readonly HashSet<string> NumberWords =
    [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
        "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
        "eighty", "ninety", "hundred", "thousand", "and", "a", "point", "zero", "oh",
    ];

    private static readonly HashSet<string> DateLeadIns =
    [
        "on", "by", "the", "of", "next", "this", "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december",
    ];

    public static TurnHold FromPartial(string? partial)
    {
        if (string.IsNullOrWhiteSpace(partial)) return TurnHold.None;
        var last = partial.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1].ToLowerInvariant();
        if (NumberWords.Contains(last)) return TurnHold.MidNumber;
        return DateLeadIns.Contains(last) ? TurnHold.MidDate : TurnHold.None;
    }
}
