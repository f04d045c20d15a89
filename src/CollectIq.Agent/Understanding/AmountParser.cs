namespace CollectIq.Agent.Understanding;

/// <summary>
/// Money in an utterance: "two hundred dollars", "two fifty", "$245.50", "two hundred forty five
/// dollars and fifty cents", "a hundred and twenty bucks", "fifty cents".
/// </summary>
public static class AmountParser
{
    private static readonly HashSet<string> MajorUnits = ["dollar", "dollars", "bucks", "buck", "euro", "euros", "pound", "pounds"];
    private static readonly HashSet<string> MinorUnits = ["cent", "cents", "pence", "penny"];

    /// <summary>The first amount in the tokens, or null. <paramref name="explicitUnit"/> tells whether "dollars" etc. was said.</summary>
    public static decimal? Find(IReadOnlyList<string> tokens, out bool explicitUnit)
    {
        explicitUnit = false;
        var numbers = NumberParser.FindAll(tokens);
        for (var n = 0; n < numbers.Count; n++)
        {
            var number = numbers[n];
            if (IsPartOfDateOrTime(tokens, number)) continue;
            var next = number.End < tokens.Count ? tokens[number.End] : null;
            var dollarSign = tokens[number.Start].StartsWith('$');
            if (next is not null && MinorUnits.Contains(next))
            {
                explicitUnit = true;
                return number.Value / 100m;
            }
            if (dollarSign || (next is not null && MajorUnits.Contains(next)))
            {
                explicitUnit = true;
                var amount = number.Value;
                // "... dollars and fifty cents" / "... dollars fifty"
                var i = number.End + (dollarSign && !(next is not null && MajorUnits.Contains(next)) ? 0 : 1);
                if (i < tokens.Count && tokens[i] == "and") i++;
                if (NumberParser.TryParseAt(tokens, i, out var cents) && cents.Value < 100)
                {
                    var after = cents.End < tokens.Count ? tokens[cents.End] : null;
                    if (after is null || MinorUnits.Contains(after) || after is "on" or "by" or "today" or "tomorrow")
                        amount += cents.Value / 100m;
                }
                return amount;
            }
        }
        foreach (var number in numbers)
        {
            if (!IsPartOfDateOrTime(tokens, number)) return number.Value;
        }
        return null;
    }

    private static readonly HashSet<string> NotMoneyAfter =
        ["day", "days", "week", "weeks", "month", "months", "pm", "am", "p.m", "a.m", "o'clock", "oclock", "of", "th", "st", "nd", "rd", "hours", "hour", "minutes", "minute"];

    private static readonly HashSet<string> NotMoneyBefore = ["the", "at", "in"];

    /// <summary>"december 15", "the 15", "in two weeks", "at three", "3 pm": numbers that belong to a date or time.</summary>
    private static bool IsPartOfDateOrTime(IReadOnlyList<string> tokens, NumberSpan number)
    {
        var before = number.Start > 0 ? tokens[number.Start - 1] : null;
        var after = number.End < tokens.Count ? tokens[number.End] : null;
        if (tokens[number.Start].Contains('/') || tokens[number.Start].Contains(':')) return true;
        if (before is not null && (NotMoneyBefore.Contains(before) || DateParser.IsMonthName(before))) return true;
        if (after is not null && (NotMoneyAfter.Contains(after) || DateParser.IsMonthName(after))) return true;
        return false;
    }

    public static decimal? Find(string text) => Find(Tokens.Split(text), out _);
}
