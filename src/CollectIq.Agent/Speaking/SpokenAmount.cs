namespace CollectIq.Agent.Speaking;

/// <summary>Money as spoken words: "two hundred forty-five dollars and fifty cents".</summary>
public static class SpokenAmount
{
    private sealed record CurrencyWords(string One, string Many, string MinorOne, string MinorMany);

    private static readonly Dictionary<string, CurrencyWords> Currencies = new(StringComparer.OrdinalIgnoreCase)
    {
        ["USD"] = new("dollar", "dollars", "cent", "cents"),
        ["CAD"] = new("Canadian dollar", "Canadian dollars", "cent", "cents"),
        ["AUD"] = new("Australian dollar", "Australian dollars", "cent", "cents"),
        ["EUR"] = new("euro", "euros", "cent", "cents"),
        ["GBP"] = new("pound", "pounds", "penny", "pence"),
    };

    public static string Format(decimal amount, string currency)
    {
        if (amount < 0) throw new ArgumentOutOfRangeException(nameof(amount), "Amounts to speak are never negative.");
        var words = Currencies.TryGetValue(currency, out var known)
            ? known
            : new CurrencyWords(currency.ToUpperInvariant(), currency.ToUpperInvariant(), "hundredth", "hundredths");
        var rounded = Math.Round(amount, 2, MidpointRounding.AwayFromZero);
        var major = (long)decimal.Truncate(rounded);
        var minor = (int)((rounded - major) * 100);
        var majorText = NumberWords.ToWords(major) + " " + (major == 1 ? words.One : words.Many);
        if (minor == 0) return majorText;
        var minorText = NumberWords.ToWords(minor) + " " + (minor == 1 ? words.MinorOne : words.MinorMany);
        return major == 0 ? minorText : majorText + " and " + minorText;
    }
}
