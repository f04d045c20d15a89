namespace CollectIq.Agent.Speaking;

/// <summary>
/// Integers as US English words, the way a person reads them aloud: "two hundred forty-five",
/// "one thousand two hundred". No "and" (US style), hyphenated tens.
/// </summary>
public static class NumberWords
{
    private static readonly string[] Units =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];

    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    private static readonly string[] OrdinalUnits =
    [
        "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
        "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
    ];

    private static readonly string[] OrdinalTens = ["", "", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth"];

    private static readonly (long Value, string Name)[] Scales =
    [
        (1_000_000_000_000, "trillion"), (1_000_000_000, "billion"), (1_000_000, "million"), (1_000, "thousand"),
    ];

    public static string ToWords(long number)
    {
        if (number < 0) return "minus " + ToWords(-number);
        if (number < 1000) return BelowThousand((int)number);
        var parts = new List<string>();
        var rest = number;
        foreach (var (value, name) in Scales)
        {
            if (rest < value) continue;
            parts.Add(BelowThousand((int)(rest / value)) + " " + name);
            rest %= value;
        }
        if (rest > 0) parts.Add(BelowThousand((int)rest));
        return string.Join(' ', parts);
    }

    /// <summary>"first", "fifteenth", "twenty-first", "thirtieth".</summary>
    public static string ToOrdinal(int number)
    {
        if (number < 0) throw new ArgumentOutOfRangeException(nameof(number));
        if (number < 20) return OrdinalUnits[number];
        if (number < 100)
            return number % 10 == 0 ? OrdinalTens[number / 10] : Tens[number / 10] + "-" + OrdinalUnits[number % 10];
        var words = ToWords(number);
        var lastNumberPart = number % 100;
        if (lastNumberPart == 0) return words + "th";
        return ToWords(number - lastNumberPart) + " " + ToOrdinal(lastNumberPart);
    }

    private static string BelowThousand(int number)
    {
        if (number < 20) return Units[number];
        if (number < 100) return number % 10 == 0 ? Tens[number / 10] : Tens[number / 10] + "-" + Units[number % 10];
        var hundreds = Units[number / 100] + " hundred";
        return number % 100 == 0 ? hundreds : hundreds + " " + BelowThousand(number % 100);
    }
}
