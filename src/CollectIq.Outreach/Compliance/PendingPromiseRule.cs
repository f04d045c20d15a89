using CollectIq.Domain.Promises;

namespace CollectIq.Outreach.Compliance;

/// <summary>
/// A payer who promised to pay by a date is left alone until that date plus <c>graceDays</c> has passed (in the payer's
/// zone; Outreach:Outcomes:PromiseGraceDays, default 1, lets a payment post). A pending promise past that is a broken
/// promise: the payer is callable again, and the planner flags it (the review job also marks it Broken).
/// </summary>
public sealed class PendingPromiseRule(int graceDays = 0) : IDialingRule
{
    public int GraceDays { get; } = graceDays;

    public const string RuleName = "pending-promise";
    public string Name => RuleName;

    public RuleVerdict Evaluate(DialingCandidate candidate, DateTimeOffset now)
    {
        if (candidate.Promises.Count == 0) return RuleVerdict.Allow(Name);
        var zone = candidate.TimeZones[0];
        var today = LocalClock.LocalDate(zone, now);
        DateOnly? latest = null;
        foreach (var p in candidate.Promises)
        {
            if (p.State == PromiseState.Pending && p.PromisedDate.AddDays(GraceDays) >= today && (latest is null || p.PromisedDate > latest)) latest = p.PromisedDate;
        }
        if (latest is not { } date) return RuleVerdict.Allow(Name);
        var resume = date.AddDays(1 + GraceDays);
        return RuleVerdict.Refuse(Name, GraceDays == 0
                ? $"The payer promised to pay by {date:yyyy-MM-dd}; no call before that date has passed."
                : $"The payer promised to pay by {date:yyyy-MM-dd}; no call before {resume:yyyy-MM-dd} ({GraceDays} grace day{(GraceDays == 1 ? "" : "s")} for the payment to post).",
            LocalClock.StartOfDay(zone, resume));
    }

    /// <summary>A promise whose date has passed while the debt is still open.</summary>
    public static bool HasBrokenPromise(DialingCandidate candidate, DateTimeOffset now, int graceDays = 0)
    {
        if (candidate.Promises.Count == 0 || candidate.Dunning.BalanceDue <= 0) return false;
        // Only the latest promise counts: an old broken promise followed by a kept one is history, not a flag.
        PaymentPromise? latest = null;
        foreach (var p in candidate.Promises)
        {
            if (latest is null || p.PromisedDate > latest.PromisedDate || (p.PromisedDate == latest.PromisedDate && p.CreatedAt > latest.CreatedAt)) latest = p;
        }
        if (latest!.State == PromiseState.Broken) return true;
        return latest.State == PromiseState.Pending && latest.PromisedDate.AddDays(graceDays) < LocalClock.LocalDate(candidate.TimeZones[0], now);
    }
}
