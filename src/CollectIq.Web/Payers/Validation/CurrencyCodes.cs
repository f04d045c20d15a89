using System.Globalization;

namespace CollectIq.Web.Payers.Validation;

/// <summary>ISO 4217 codes in use, from the platform's region data (ICU), plus a few it may not list.</summary>
public static class CurrencyCodes
{
    private static readonly HashSet<string> Known = Build();

    public static bool IsKnown(string? code) => code is { Length: 3 } && Known.Contains(code);

    private static HashSet<string> Build()
    {
        var codes = new HashSet<string>(StringComparer.Ordinal) { "USD", "CAD", "GBP", "EUR", "AUD", "NZD", "CHF", "JPY", "MXN", "INR" };
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            try
            {
                var symbol = new RegionInfo(culture.Name).ISOCurrencySymbol;
                if (symbol is { Length: 3 } && symbol.All(char.IsAsciiLetterUpper)) codes.Add(symbol);
            }
            catch (ArgumentException)
            {
                // A culture without a region; nothing to learn from it.
            }
        }
        return codes;
    }
}
