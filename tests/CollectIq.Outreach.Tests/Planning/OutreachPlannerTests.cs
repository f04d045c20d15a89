using CollectIq.Domain.Calls;
using CollectIq.Domain.Promises;
using CollectIq.Outreach.Compliance;
using CollectIq.Outreach.Planning;
using Microsoft.Extensions.Time.Testing;
using static CollectIq.Outreach.Tests.Candidates;

namespace CollectIq.Outreach.Tests.Planning;

public class OutreachPlannerTests
{
    private static readonly FakeTimeProvider Clock = new(Local("America/New_York", 2026, 7, 14, 10, 0));
    private static OutreachPlanner Planner(OutreachOptions? o = null) { o ??= new OutreachOptions(); return new OutreachPlanner(o, DialingPolicy.CreateDefault(o)); }

    [Fact]
    public void Plan_OrdersByAmountTimesDaysPastDue()
    {
        var now = Clock.GetUtcNow();
        var candidates = new[]
        {
            For(Payer(1, open: 1000m, daysPastDue: 70, asOf: now), now),   // 70,000
            For(Payer(2, open: 500m, daysPastDue: 200, asOf: now), now),   // 100,000
            For(Payer(3, open: 5000m, daysPastDue: 61, asOf: now), now),   // 305,000
            For(Payer(4, open: 5000m, daysPastDue: 30, asOf: now), now),   // STAGE_1: skipped
        };
        var plan = Planner().Plan(candidates, now);
        Assert.Equal([3, 2, 1], plan.Call.Select(c => c.PayerId));
        Assert.Equal(305_000d, plan.Call[0].Priority);
        var skipped = Assert.Single(plan.Skipped);
        Assert.Equal((4, "dunning-stage"), (skipped.PayerId, skipped.Rule));
    }

    [Fact]
    public void Plan_PriorityWeights_Configurable()
    {
        var now = Clock.GetUtcNow();
        var options = new OutreachOptions();
        options.Priority.AmountWeight = 0; // days past due only
        var plan = Planner(options).Plan([For(Payer(1, open: 9000m, daysPastDue: 70, asOf: now), now), For(Payer(2, open: 10m, daysPastDue: 100, asOf: now), now)], now);
        Assert.Equal([2, 1], plan.Call.Select(c => c.PayerId));
    }

    [Fact]
    public void Plan_SkipsWithReasonsFromRules()
    {
        var now = Clock.GetUtcNow();
        var optedOut = Payer(1, asOf: now); optedOut.OptedOutAt = now.AddDays(-1);
        var candidates = new[]
        {
            For(optedOut, now),
            For(Payer(2, asOf: now), now, dispute: true),
            For(Payer(3, asOf: now), now, inProgress: true),
            For(Payer(4, asOf: now), now, promises: [new PaymentPromise { PromisedDate = new DateOnly(2026, 7, 20) }]),
            For(Payer(5, zone: "America/Los_Angeles", asOf: now), now), // 07:00 there
        };
        var plan = Planner().Plan(candidates, now);
        Assert.Empty(plan.Call);
        Assert.Equal(["opted-out", "open-dispute", "call-in-progress", "pending-promise", "calling-window"], plan.Skipped.Select(s => s.Rule));
        Assert.All(plan.Skipped, s => Assert.False(string.IsNullOrWhiteSpace(s.Reason)));
    }

    [Fact]
    public void Plan_BrokenPromise_BackInQueueFlaggedAndBoosted()
    {
        var now = Clock.GetUtcNow();
        var broken = new PaymentPromise { PromisedDate = new DateOnly(2026, 7, 10), State = PromiseState.Pending };
        var plan = Planner().Plan([For(Payer(1, open: 1000m, daysPastDue: 90, asOf: now), now, promises: [broken]), For(Payer(2, open: 1500m, daysPastDue: 90, asOf: now), now)], now);
        Assert.Equal([1, 2], plan.Call.Select(c => c.PayerId));
        Assert.True(plan.Call[0].BrokenPromise);
        Assert.Contains("broken promise", plan.Call[0].Why);
        Assert.False(plan.Call[1].BrokenPromise);
    }

    [Theory]
    [InlineData(CallStatuses.Busy)]
    [InlineData(CallStatuses.NoAnswer)]
    [InlineData(CallStatuses.Failed)]
    public void Plan_Retry_FollowsBackoff2h4hNextDay(string status)
    {
        var first = Local("America/New_York", 2026, 7, 14, 9, 0);
        var attempts = new List<CallAttempt> { new(first, status) };
        var planner = Planner();
        PlannedCall? At(DateTimeOffset now, out SkippedPayer? skip)
        {
            var d = planner.Decide(For(Payer(asOf: now), now, attempts), now);
            skip = d.Skip;
            return d.Call;
        }

        Assert.Null(At(first.AddHours(2).AddMinutes(-1), out var skip));
        Assert.Equal(OutreachPlanner.RetryBackoffRule, skip!.Rule);
        Assert.Equal(first.AddHours(2), skip.NextAllowedAt);
        var second = At(first.AddHours(2), out _);
        Assert.Equal(2, second!.Attempt);
        Assert.Contains(status, second.Why);

        attempts.Add(new(first.AddHours(2), status));
        Assert.Null(At(first.AddHours(6).AddMinutes(-1), out skip));
        Assert.Equal(first.AddHours(6), skip!.NextAllowedAt);
        Assert.Equal(3, At(first.AddHours(6), out _)!.Attempt);

        attempts.Add(new(first.AddHours(6), status));
        Assert.Null(At(first.AddHours(30).AddMinutes(-1), out skip));
        Assert.Equal(4, At(first.AddHours(30), out _)!.Attempt);

        attempts.Add(new(first.AddHours(30), status));
        Assert.Null(At(first.AddHours(54), out skip));
        Assert.Equal(OutreachPlanner.RetriesExhaustedRule, skip!.Rule);
        Assert.Equal(first.AddDays(7), skip.NextAllowedAt);
    }

    [Fact]
    public void Plan_ConversationEndsTheRetryCycle()
    {
        var now = Local("America/New_York", 2026, 7, 20, 10, 0);
        var attempts = new[]
        {
            new CallAttempt(now.AddDays(-6), CallStatuses.NoAnswer),
            new CallAttempt(now.AddDays(-6).AddHours(2), CallStatuses.NoAnswer),
            new CallAttempt(now.AddDays(-8), CallStatuses.Completed, CallOutcome.Callback, RightPartyConversation: true),
        };
        var call = Planner().Decide(For(Payer(asOf: now), now, attempts), now).Call;
        Assert.Equal(3, call!.Attempt);
    }

    [Fact]
    public void Plan_DailyCap_RestSkippedLowestPriorityFirst()
    {
        var now = Clock.GetUtcNow();
        var candidates = Enumerable.Range(1, 5).Select(i => For(Payer(i, open: 100m * i, asOf: now), now));
        var plan = Planner().Plan(candidates, now, maxCalls: 2);
        Assert.Equal([5, 4], plan.Call.Select(c => c.PayerId));
        Assert.Equal([3, 2, 1], plan.Skipped.Select(s => s.PayerId));
        Assert.All(plan.Skipped, s => Assert.Equal(OutreachPlanner.DailyCapRule, s.Rule));
    }
}
