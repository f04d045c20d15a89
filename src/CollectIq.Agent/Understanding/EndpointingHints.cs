namespace CollectIq.Agent.Understanding;

/// <summary>
/// For the endpointer: does a partial transcript stop in the middle of a number or a date
/// ("two hundred and…", "on the…", "December…")? Then a pause is the payer thinking, not the end
/// of the turn, and the endpointer should wait longer (together with <c>ListenSpec.ExpectsNumberOrDate</c>).
/// </summary>
public static class EndpointingHints
{
    private static readonly HashSet<string> Continuations =
        ["and", "the", "on", "at", "of", "by", "around", "about", "point", "a", "next", "this", "in", "hundred", "thousand", "dollars", "uh", "um", "er"];

    public static bool IsMidNumberOrDate(string partialText)
    {
        var tokens = Tokens.Split(partialText);
        if (tokens.Length == 0) return false;
        var last = tokens[^1];
        if (Continuations.Contains(last) || DateParser.IsMonthName(last)) return true;
        // "two", "twenty", "one twenty": a number word can still grow ("two… fifty").
        return NumberParser.IsNumberWord(last) && !NumberParser.IsNumeral(last, out _);
    }
}
