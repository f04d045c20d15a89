using CollectIq.Domain.Dunning;
using CollectIq.Domain.Payers;
using CollectIq.Domain.Promises;
using CollectIq.Outreach.Compliance;

namespace CollectIq.Outreach.Tests;

/// <summary>Builds payers and candidates the way a candidate source would, through Domain's DunningCalculator.</summary>
internal static class Candidates
{
    private static readonly DunningCalculator Dunning = new(new DunningOptions());

    public static Payer Payer(int id = 1, string phone = "+12125550100", string? zone = "America/New_York", decimal open = 1000m, int daysPastDue = 90, DateTimeOffset? asOf = null)
    {
        var today = DateOnly.FromDateTime((asOf ?? new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero)).UtcDateTime);
        return new Payer
        {
            Id = id,
            Name = $"Payer {id}",
            ContactName = $"Contact {id}",
            ContactPhone = phone,
            TimeZone = zone,
            Invoices = open <= 0 ? [] :
            [
                new Invoice { Id = id, PayerId = id, Number = $"INV-{id}", Amount = open, OpenAmount = open, IssueDate = today.AddDays(-daysPastDue - 30), DueDate = today.AddDays(-daysPastDue) },
            ],
        };
    }

    public static DialingCandidate For(Payer payer, DateTimeOffset now, IReadOnlyList<CallAttempt>? attempts = null,
        IReadOnlyList<PaymentPromise>? promises = null, bool dispute = false, bool inProgress = false) => new()
    {
        Payer = payer,
        Dunning = Dunning.Compute(payer, now),
        RecentAttempts = attempts ?? [],
        Promises = promises ?? [],
        HasOpenDispute = dispute,
        CallInProgress = inProgress,
    };

    /// <summary>An instant given as local wall-clock time in a zone.</summary>
    public static DateTimeOffset Local(string zone, int y, int mo, int d, int h, int mi)
    {
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        return LocalClock.ToInstant(tz, new DateOnly(y, mo, d), new TimeOnly(h, mi));
    }
}
