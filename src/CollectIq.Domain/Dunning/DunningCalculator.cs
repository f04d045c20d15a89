using CollectIq.Domain.Payers;
using CollectIq.Domain.Phones;

namespace CollectIq.Domain.Dunning;

/// <summary>What the dunning rules say about one payer at one instant.</summary>
public sealed record DunningSnapshot(DunningStage? Stage, int DaysPastDue, decimal BalanceDue, string Currency, int OpenInvoiceCount, DateOnly? OldestDueDate);

/// <summary>
/// Derives the dunning stage from the oldest open invoice's days past due, counted in the payer's
/// own time zone (a payer in Honolulu is not a day late while it is still the due date there).
/// </summary>
public sealed class DunningCalculator(DunningOptions options)
{
    public DunningOptions Options { get; } = options;

    public DunningSnapshot Compute(Payer payer, DateTimeOffset now)
    {
        var open = payer.Invoices.Where(i => i.IsOpen).ToList();
        var currency = open.Select(i => i.Currency).FirstOrDefault() ?? payer.Invoices.Select(i => i.Currency).FirstOrDefault() ?? "USD";
        if (open.Count == 0) return new DunningSnapshot(null, 0, 0m, currency, 0, null);

        var today = LocalToday(payer, now);
        var oldestDue = open.Min(i => i.DueDate);
        var days = today.DayNumber - oldestDue.DayNumber;
        var balance = open.Sum(i => i.OpenAmount);
        return new DunningSnapshot(StageFor(days), Math.Max(days, 0), balance, currency, open.Count, oldestDue);
    }

    public DunningStage? StageFor(int daysPastDue) =>
        daysPastDue >= Options.Stage3FromDays ? DunningStage.Stage3
        : daysPastDue >= Options.Stage2FromDays ? DunningStage.Stage2
        : daysPastDue >= Options.Stage1FromDays ? DunningStage.Stage1
        : null;

    /// <summary>The calendar date at the payer's location.</summary>
    public static DateOnly LocalToday(Payer payer, DateTimeOffset now)
    {
        var zone = PayerTimeZones.Primary(payer);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
    }
}
