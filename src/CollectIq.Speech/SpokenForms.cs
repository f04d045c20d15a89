using System.Globalization;
using System.Text.RegularExpressions;

namespace CollectIq.Speech;

/// <summary>
/// Writes numbers the way a person says them on the phone: "$240.50" → "two hundred forty dollars and
/// fifty cents", "December 15" → "December fifteenth", "INV-1042" → "I N V one zero four two". Used before
/// synthesis (TTS engines read "$240.50" badly) and to normalise cloud transcripts for the interpreter.
/// </summary>
public static partial class SpokenForms
{
    private static readonly string[] Small = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
    private static readonly string[] TensWords = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    private static readonly string[] OrdinalSmall = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"];
    private static readonly string[] OrdinalTens = ["", "", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth"];
    private const string MonthPattern = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec";

    [GeneratedRegex(@"\$\s?(\d{1,3}(?:,\d{3})*|\d+)(?:\.(\d{2}))?")]
    private static partial Regex Money();

    [GeneratedRegex(@"\b(" + MonthPattern + @")\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b", RegexOptions.IgnoreCase)]
    private static partial Regex MonthDay();

    [GeneratedRegex(@"\b(\d{1,2})(?:st|nd|rd|th)\b")]
    private static partial Regex OrdinalNumber();

    [GeneratedRegex(@"\b([A-Z]{2,})-?(\d{3,})\b")]
    private static partial Regex Reference();

    [GeneratedRegex(@"\+?\d[\d\s().-]{8,}\d")]
    private static partial Regex Phone();

    [GeneratedRegex(@"\b\d+\b")]
    private static partial Regex Number();

    public static string ToWords(string text)
    {
        text = Money().Replace(text, m =>
        {
            var dollars = long.Parse(m.Groups[1].Value.Replace(",", ""), CultureInfo.InvariantCulture);
            var cents = m.Groups[2].Success ? int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
            var spoken = $"{Cardinal(dollars)} {(dollars == 1 ? "dollar" : "dollars")}";
            return cents == 0 ? spoken : $"{spoken} and {Cardinal(cents)} {(cents == 1 ? "cent" : "cents")}";
        });
        text = MonthDay().Replace(text, m => $"{FullMonth(m.Groups[1].Value)} {Ordinal(int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))}");
        text = OrdinalNumber().Replace(text, m => Ordinal(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
        text = Reference().Replace(text, m => string.Join(' ', m.Groups[1].Value.ToCharArray()) + " " + Digits(m.Groups[2].Value));
        text = Phone().Replace(text, m => Digits(new string(m.Value.Where(char.IsDigit).ToArray())));
        text = Number().Replace(text, m => m.Value.Length > 9 ? Digits(m.Value) : Cardinal(long.Parse(m.Value, CultureInfo.InvariantCulture)));
        return text;
    }

    public static string Digits(string digits) => string.Join(' ', digits.Where(char.IsDigit).Select(d => Small[d - '0']));

    public static string Cardinal(long n)
    {
        if (n < 0) return "minus " + Cardinal(-n);
        if (n < 20) return Small[n];
        if (n < 100) return TensWords[n / 10] + (n % 10 > 0 ? " " + Small[n % 10] : "");
        if (n < 1000) return Small[n / 100] + " hundred" + (n % 100 > 0 ? " " + Cardinal(n % 100) : "");
        foreach (var (scale, name) in new[] { (1_000_000_000L, "billion"), (1_000_000L, "million"), (1000L, "thousand") })
            if (n >= scale) return Cardinal(n / scale) + " " + name + (n % scale > 0 ? " " + Cardinal(n % scale) : "");
        return n.ToString(CultureInfo.InvariantCulture);
    }

    public static string Ordinal(int n)
    {
        if (n < 20) return OrdinalSmall[n];
        if (n < 100) return n % 10 == 0 ? OrdinalTens[n / 10] : TensWords[n / 10] + " " + OrdinalSmall[n % 10];
        return Cardinal(n) + "th";
    }

    private static string FullMonth(string m)
    {
        var key = m.ToLowerInvariant()[..3];
        var full = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames.First(n => n.Length > 0 && n.StartsWith(key, StringComparison.OrdinalIgnoreCase));
        return full;
    }
}
