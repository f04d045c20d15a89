using System.Globalization;
using CollectIq.Domain.Calls;

namespace CollectIq.Web.Components.Shared;

/// <summary>How the pages write money, dates and outcomes (invariant culture: operators compare across zones).</summary>
public static class Format
{
    public static string Money(decimal amount, string currency) => $"{amount.ToString("N2", CultureInfo.InvariantCulture)} {currency}";

    public static string When(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "—";

    public static string Outcome(CallOutcome? outcome) => outcome is { } o ? o.ToWire().Replace('_', ' ') : "—";

    public static string Percent(double? rate) => rate is { } r ? r.ToString("P0", CultureInfo.InvariantCulture) : "n/a";
}
