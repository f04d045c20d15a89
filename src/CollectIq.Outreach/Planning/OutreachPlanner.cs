using CollectIq.Domain.Dunning;
using CollectIq.Outreach.Compliance;

namespace CollectIq.Outreach.Planning;

/// <summary>
/// Decides one pass: runs the dialing policy on every candidate, applies the retry backoff and the per-cycle
/// attempt limit, flags broken promises, and orders the callable payers by priority
/// (amount^AmountWeight × daysPastDue^DaysWeight, × BrokenPromiseBoost). Pure and allocation-light:
/// 100,000 candidates in well under a second (bench/, docs/PERFORMANCE.md).
/// </summary>
public sealed class OutreachPlanner(OutreachOptions options, DialingPolicy policy)
{
    public const string RetryBackoffRule = "retry-backoff";
    public const string RetriesExhaustedRule = "retries-exhausted";
    public const string DailyCapRule = "daily-cap";

    public DialingPolicy Policy { get; } = policy;

    /// <param name="maxCalls">How many calls may still start (daily cap); the rest are skipped with rule "daily-cap".</param>
    public OutreachPlan Plan(IEnumerable<DialingCandidate> candidates, DateTimeOffset now, int? maxCalls = null)
    {
        var calls = new List<PlannedCall>();
        var skipped = new List<SkippedPayer>();
        foreach (var candidate in candidates)
        {
            var decision = Decide(candidate, now);
            if (decision.Call is not null) calls.Add(decision.Call);
            else skipped.Add(decision.Skip!);
        }

        calls.Sort(static (a, b) => b.Priority != a.Priority ? b.Priority.CompareTo(a.Priority) : a.PayerId.CompareTo(b.PayerId));
        if (maxCalls is { } cap && calls.Count > Math.Max(cap, 0))
        {
            var keep = Math.Max(cap, 0);
            foreach (var over in calls.Skip(keep))
                skipped.Add(new SkippedPayer(over.PayerId, over.Name, DailyCapRule, "The daily call cap is reached; the payer stays in the queue for tomorrow."));
            calls.RemoveRange(keep, calls.Count - keep);
        }
        return new OutreachPlan(now, calls, skipped);
    }

    /// <summary>The decision for one payer: a planned call, or a skip with the rule and reason.</summary>
    public (PlannedCall? Call, SkippedPayer? Skip) Decide(DialingCandidate candidate, DateTimeOffset now)
    {
        var payer = candidate.Payer;
        var verdict = Policy.Evaluate(candidate, now);
        if (!verdict.Allowed) return (null, new SkippedPayer(payer.Id, payer.Name, verdict.RuleName, verdict.Reason, verdict.NextAllowedAt));

        var cycle = CurrentCycle(candidate, now);
        if (cycle.Count >= options.Retry.MaxAttemptsPerCycle)
        {
            var nextCycle = cycle.Oldest!.Value.AddDays(options.Retry.CycleDays);
            return (null, new SkippedPayer(payer.Id, payer.Name, RetriesExhaustedRule,
                $"{cycle.Count} unanswered attempts in this cycle (limit {options.Retry.MaxAttemptsPerCycle}); the next cycle starts {nextCycle.ToOffset(TimeSpan.Zero):yyyy-MM-dd HH:mm} UTC.",
                nextCycle));
        }
        if (cycle.Count > 0)
        {
            var backoff = options.Retry.Backoff[Math.Min(cycle.Count - 1, options.Retry.Backoff.Length - 1)];
            var notBefore = cycle.Latest!.Value + backoff;
            if (now < notBefore)
                return (null, new SkippedPayer(payer.Id, payer.Name, RetryBackoffRule,
                    $"Last attempt ({cycle.LatestStatus}) at {cycle.Latest.Value.ToOffset(TimeSpan.Zero):HH:mm} UTC; retry {cycle.Count + 1} not before {notBefore.ToOffset(TimeSpan.Zero):yyyy-MM-dd HH:mm} UTC.",
                    notBefore));
        }

        var broken = PendingPromiseRule.HasBrokenPromise(candidate, now, options.Outcomes.PromiseGraceDays);
        var dunning = candidate.Dunning;
        var stage = dunning.Stage?.ToWire() ?? "none";
        var why = broken ? "broken promise to pay; back in the queue"
            : cycle.Count > 0 ? $"retry {cycle.Count + 1} after {cycle.LatestStatus}"
            : $"{stage}, {dunning.DaysPastDue} days past due";
        return (new PlannedCall(payer.Id, payer.Name, Priority(dunning, broken), stage, dunning.DaysPastDue, cycle.Count + 1, broken, why), null);
    }

    public double Priority(DunningSnapshot dunning, bool brokenPromise)
    {
        var p = Math.Pow((double)Math.Max(dunning.BalanceDue, 0m), options.Priority.AmountWeight)
              * Math.Pow(Math.Max(dunning.DaysPastDue, 0), options.Priority.DaysWeight);
        return Math.Round(brokenPromise ? p * options.Priority.BrokenPromiseBoost : p, 2);
    }

    private readonly record struct Cycle(int Count, DateTimeOffset? Oldest, DateTimeOffset? Latest, string? LatestStatus);

    /// <summary>The attempts since the last conversation with the payer, no older than Retry:CycleDays.</summary>
    private Cycle CurrentCycle(DialingCandidate candidate, DateTimeOffset now)
    {
        var attempts = candidate.RecentAttempts;
        if (attempts.Count == 0) return default;
        var since = now.AddDays(-options.Retry.CycleDays);
        foreach (var a in attempts)
        {
            if (a.RightPartyConversation && a.At > since && a.At <= now) since = a.At;
        }
        int count = 0;
        DateTimeOffset? oldest = null, latest = null;
        string? latestStatus = null;
        foreach (var a in attempts)
        {
            if (a.At <= since || a.At > now || a.RightPartyConversation) continue;
            count++;
            if (oldest is null || a.At < oldest) oldest = a.At;
            if (latest is null || a.At > latest) { latest = a.At; latestStatus = a.Outcome is Domain.Calls.CallOutcome.Voicemail ? "voicemail" : a.Status; }
        }
        return new Cycle(count, oldest, latest, latestStatus);
    }
}
