using CollectIq.Domain.Calls;
using CollectIq.Domain.Outcomes;
using CollectIq.Domain.Promises;
using CollectIq.Outreach.Compliance;
using CollectIq.Outreach.Outcomes;
using CollectIq.Outreach.Planning;
using Microsoft.EntityFrameworkCore;
using static CollectIq.Outreach.Tests.Candidates;

namespace CollectIq.Outreach.Tests.Outcomes;

/// <summary>
/// Every outcome recorded through the production <c>ICallRecorder</c> (data layer + outcome-effects decorator) on a
/// migrated SQLite database: what it writes on the payer's record, what the dialing policy then says, and when
/// outreach resumes (review job on the fake clock).
/// </summary>
public sealed class OutcomeEffectsTests
{
    // Wednesday 15 July 2026, 14:00 in New York.
    private static readonly DateTimeOffset Now = Local("America/New_York", 2026, 7, 15, 14, 0);
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public async Task PromiseToPay_HoldsUntilDatePlusGraceDay_ThenReviewMarksBrokenAndPlannerFlagsIt()
    {
        await using var world = await OutcomeWorld.CreateAsync(Now);
        var payerId = await world.AddPayerAsync();
        var callId = await world.AddAnsweredCallAsync(payerId);

        await world.Recorder.SetOutcomeAsync(callId, CallOutcome.PromiseToPay, """{"amount":1000,"currency":"USD","date":"2026-07-31"}""");
        await world.Recorder.SetOutcomeAsync(callId, CallOutcome.PromiseToPay, """{"amount":1000,"currency":"USD","date":"2026-07-31"}""");

        await using (var db = await world.Contexts.CreateDbContextAsync())
        {
            var promise = await db.PaymentPromises.AsNoTracking().SingleAsync();
            Assert.Equal((1000m, "USD", new DateOnly(2026, 7, 31), PromiseState.Pending, 1000m), (promise.Amount, promise.Currency, promise.PromisedDate, promise.State, promise.BalanceAtPromise));
        }
        // Day after the promised date (grace day): still held, by the promise.
        var graceDay = Local("America/New_York", 2026, 8, 1, 12, 0);
        var held = await world.VerdictAsync(payerId, graceDay);
        Assert.Equal((false, PendingPromiseRule.RuleName), (held.Allowed, held.RuleName));
        Assert.Equal(LocalClock.StartOfDay(NewYork, new DateOnly(2026, 8, 2)), held.NextAllowedAt);

        // 2 August (Sunday) noon: grace over, nothing paid → the review marks it broken; the planner calls, flagged.
        var after = Local("America/New_York", 2026, 8, 2, 12, 0);
        world.Time.SetUtcNow(after);
        var review = await world.Review.RunAsync();
        Assert.Equal(1, review.PromisesBroken);
        await using (var db = await world.Contexts.CreateDbContextAsync())
            Assert.Equal(PromiseState.Broken, (await db.PaymentPromises.AsNoTracking().SingleAsync()).State);
        var plan = world.Planner.Plan(await world.Source.GetCandidatesAsync(after), after);
        var call = Assert.Single(plan.Call);
        Assert.True(call.BrokenPromise);
        var audit = await world.AuditAsync(payerId);
        Assert.Equal([OutcomeAuditActions.PromiseRecorded, OutcomeAuditActions.PromiseBroken], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.DoesNotContain("1000", a.Reason)); // no balances in the audit log
    }

    [Fact]
    public async Task PromiseToPay_PaymentArrives_ReviewMarksKept()
    {
        await using var world = await OutcomeWorld.CreateAsync(Now);
        var payerId = await world.AddPayerAsync();
        var callId = await world.AddAnsweredCallAsync(payerId);
        await world.Recorder.SetOutcomeAsync(callId, CallOutcome.PartialPayment, """{"amount":400,"currency":"USD","date":"2026-07-20"}""");

        await world.SetOpenAmountAsync(payerId, 600m); // 400 paid
        world.Time.SetUtcNow(Local("America/New_York", 2026, 7, 22, 9, 0));
        var review = await world.Review.RunAsync();

        Assert.Equal((1, 0), (review.PromisesKept, review.PromisesBroken));
        await using var db = await world.Contexts.CreateDbContextAsync();
        Assert.Equal(PromiseState.Kept, (await db.PaymentPromises.AsNoTracking().SingleAsync()).State);
    }

    [Fact]
    public async Task AlreadyPaid_HoldsFiveBusinessDays_ThenUnverifiedClaimLetsOutreachResume()
    {
        await using var world = await OutcomeWorld.CreateAsync(Now, new() { ["Outreach:Frequency:QuietDaysAfterConversation"] = "7" });
        var payerId = await world.AddPayerAsync();
        var callId = await world.AddAnsweredCallAsync(payerId);

        await world.Recorder.SetOutcomeAsync(callId, CallOutcome.AlreadyPaid, """{"date":"2026-07-14","reference":"CHK-991"}""");

        // Wednesday claim: Thu, Fri, Mon, Tue, Wed are the 5 business days; calls resume Thursday 23 July 00:00 New York.
        var resume = LocalClock.StartOfDay(NewYork, new DateOnly(2026, 7, 23));
        await using (var db = await world.Contexts.CreateDbContextAsync())
        {
            var claim = await db.PaymentClaims.AsNoTracking().SingleAsync();
            Assert.Equal((new DateOnly(2026, 7, 14), "CHK-991", resume, PaymentClaimState.Pending), (claim.PaidOn, claim.Reference, claim.HoldUntil, claim.State));
        }
        var held = await world.VerdictAsync(payerId, Local("America/New_York", 2026, 7, 22, 20, 0));
        Assert.Equal((PaymentClaimRule.RuleName, resume), (held.RuleName, held.NextAllowedAt));

        world.Time.SetUtcNow(Local("America/New_York", 2026, 7, 23, 10, 0));
        var review = await world.Review.RunAsync();
        Assert.Equal(1, review.ClaimsUnverified);
        Assert.True((await world.VerdictAsync(payerId)).Allowed);
        Assert.Contains(await world.AuditAsync(payerId), a => a.Action == OutcomeAuditActions.PaymentUnverified);
    }

    [Fact]
    public async Task AlreadyPaid_BalanceCleared_ClaimVerified()
    {
        await using var world = await OutcomeWorld.CreateAsync(Now);
        var payerId = await world.AddPayerAsync();
        await world.Recorder.SetOutcomeAsync(await world.AddAnsweredCallAsync(payerId), CallOutcome.AlreadyPaid, """{"date":"2026-07-14"}""");
        await world.SetOpenAmountAsync(payerId, 0m);

        world.Time.SetUtcNow(Now.AddDays(10));
        Assert.Equal(1, (await world.Review.RunAsync()).ClaimsVerified);
    }

    [Fact]
    public async Task Dispute_OpensDisputePausingCalls_UntilResolved()
    {
        await using var world = await OutcomeWorld.CreateAsync(Now);
        var payerId = await world.AddPayerAsync();
        var callId = await world.AddAnsweredCallAsync(payerId);

        await world.Recorder.SetOutcomeAsync(callId, CallOutcome.Dispute, """{"invoiceNumber":"INV-Acme","reason":"goods damaged"}""");

        await using (var db = await world.Contexts.CreateDbContextAsync())
        {
            var dispute = await db.Disputes.AsNoTracking().SingleAsync();
            Assert.Equal(("INV-Acme", "goods damaged", callId, (DateTimeOffset?)null), (dispute.InvoiceNumber, dispute.Reason, dispute.CallId, dispute.ResolvedAt));
        }
        // A month later (quiet period long over) the dispute still pauses dunning.
        var later = Now.AddDays(30);
        Assert.Equal(OpenDisputeRule.RuleName, (await world.VerdictAsync(payerId, later)).RuleName);
        // A later outcome on another call does not end the dispute: only an operator does (API tests).
        await world.Recorder.SetOutcomeAsync(await world.AddAnsweredCallAsync(payerId, Now.AddDays(1)), CallOutcome.Voicemail, null);
        Assert.Equal(OpenDisputeRule.RuleName, (await world.VerdictAsync(payerId, later)).RuleName);
    }

    [Fact]
    public async Task Callback_InsideWindow_ScheduledAtRequestedTimeAndHoldsOtherCalls()
    {
        await using var world = await OutcomeWorld.CreateAsync(Now);
        var payerId = await world.AddPayerAsync();
        var callId = await world.AddAnsweredCallAsync(payerId);
        var requested = Local("America/New_York", 2026, 7, 16, 15, 30);

        await world.Recorder.SetOutcomeAsync(callId, CallOutcome.Callback, $$"""{"callbackAt":"{{requested:O}}"}""");
        await world.Recorder.SetOutcomeAsync(callId, CallOutcome.Callback, $$"""{"callbackAt":"{{requested:O}}"}""");

        var scheduled = Assert.Single(world.Callbacks.Scheduled);
        Assert.Equal((requested, requested, (string?)null, CallbackState.Scheduled), (scheduled.RequestedFor, scheduled.ScheduledFor, scheduled.Adjustment, scheduled.State));
        var verdict = await world.VerdictAsync(payerId, requested.AddMinutes(-5));
        Assert.Equal((ScheduledCallbackRule.RuleName, requested), (verdict.RuleName, verdict.NextAllowedAt));
        // The callback's own dial is exempt from the quiet period after yesterday's conversation, and nothing else holds it.
        var candidate = await world.Source.GetCandidateAsync(payerId, requested);
        Assert.True(world.Policy.Evaluate(candidate! with { DialingForCallback = true }, requested).Allowed);
        Assert.Equal(RecentConversationRule.RuleName, world.Policy.Evaluate(candidate! with { ScheduledCallbackAt = null }, requested).RuleName);
    }

    [Theory]
    // 22:30 New York is after the window: next opening 08:00 the next morning.
    [InlineData(2026, 7, 16, 22, 30, 2026, 7, 17, 8, 0, "outside the calling window")]
    // Yesterday: moved to the next allowed slot from now (14:00 today, inside the window).
    [InlineData(2026, 7, 14, 10, 0, 2026, 7, 15, 14, 0, "had passed")]
    public async Task Callback_PastOrOutsideWindow_MovedToNextAllowedSlotAndSaysWhy(int y, int mo, int d, int h, int mi, int ey, int emo, int ed, int eh, int emi, string why)
    {
        await using var world = await OutcomeWorld.CreateAsync(Now);
        var payerId = await world.AddPayerAsync();
        var requested = Local("America/New_York", y, mo, d, h, mi);

        await world.Recorder.SetOutcomeAsync(await world.AddAnsweredCallAsync(payerId), CallOutcome.Callback, $$"""{"callbackAt":"{{requested:O}}"}""");

        var scheduled = Assert.Single(world.Callbacks.Scheduled);
        Assert.Equal(Local("America/New_York", ey, emo, ed, eh, emi), scheduled.ScheduledFor);
        Assert.Contains(why, scheduled.Adjustment);
        Assert.Contains(await world.AuditAsync(payerId), a => a.Action == OutcomeAuditActions.CallbackScheduled && a.Reason!.Contains(why));
    }

    [Fact]
    public async Task Callback_NewerRequest_CancelsTheEarlierOne()
    {
        await using var world = await OutcomeWorld.CreateAsync(Now);
        var payerId = await world.AddPayerAsync();
        await world.Recorder.SetOutcomeAsync(await world.AddAnsweredCallAsync(payerId), CallOutcome.Callback, $$"""{"callbackAt":"{{Now.AddDays(1):O}}"}""");
        await world.Recorder.SetOutcomeAsync(await world.AddAnsweredCallAsync(payerId), CallOutcome.Callback, $$"""{"callbackAt":"{{Now.AddDays(2):O}}"}""");

        await using var db = await world.Contexts.CreateDbContextAsync();
        var rows = await db.CallbackRequests.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
        Assert.Equal([CallbackState.Canceled, CallbackState.Scheduled], rows.Select(r => r.State));
        Assert.Equal([rows[0].Id], world.Callbacks.Canceled);
    }

    [Fact]
    public async Task PaymentLink_QueuedInOutboxAndAudited()
    {
        await using var world = await OutcomeWorld.CreateAsync(Now);
        var payerId = await world.AddPayerAsync();
        var callId = await world.AddAnsweredCallAsync(payerId);

        await world.Recorder.SetOutcomeAsync(callId, CallOutcome.PaymentLink, """{"amount":1000,"currency":"USD"}""");
        await world.Recorder.SetOutcomeAsync(callId, CallOutcome.PaymentLink, """{"amount":1000,"currency":"USD"}""");

        await using var db = await world.Contexts.CreateDbContextAsync();
        var link = await db.PaymentLinkRequests.AsNoTracking().SingleAsync();
        Assert.Equal((payerId, callId, 1000m, "USD", PaymentLinkState.Pending), (link.PayerId, link.CallId, link.Amount, link.Currency, link.State));
        Assert.Single(await world.AuditAsync(payerId), a => a.Action == OutcomeAuditActions.PaymentLinkRequested);
    }

    [Fact]
    public async Task KeypressPromise_WithoutAmountOrDate_BecomesThePaymentLinkTheMenuPromised()
    {
        await using var world = await OutcomeWorld.CreateAsync(Now);
        var payerId = await world.AddPayerAsync();
        await world.Recorder.SetOutcomeAsync(await world.AddAnsweredCallAsync(payerId), CallOutcome.PromiseToPay, """{"source":"keypress","digit":"1"}""");

        await using var db = await world.Contexts.CreateDbContextAsync();
        Assert.False(await db.PaymentPromises.AnyAsync());
        Assert.Equal(1000m, (await db.PaymentLinkRequests.AsNoTracking().SingleAsync()).Amount);
    }

    [Fact]
    public async Task OptOut_StopsEveryFutureCall()
    {
        await using var world = await OutcomeWorld.CreateAsync(Now);
        var payerId = await world.AddPayerAsync();
        await world.Recorder.SetOutcomeAsync(await world.AddAnsweredCallAsync(payerId), CallOutcome.OptOut, "{}");

        var muchLater = Now.AddDays(60);
        var plan = world.Planner.Plan(await world.Source.GetCandidatesAsync(muchLater), muchLater);
        Assert.Empty(plan.Call);
        Assert.Equal(OptOutRule.RuleName, Assert.Single(plan.Skipped).Rule);
        Assert.Single(await world.AuditAsync(payerId), a => a.Action == OutcomeAuditActions.OptOut && a.Actor == "payer");
    }

    [Fact]
    public async Task WrongParty_SecondTimeOnTheSameNumber_FlagsTheNumberAndStopsDialing()
    {
        await using var world = await OutcomeWorld.CreateAsync(Now);
        var payerId = await world.AddPayerAsync();
        var first = await world.AddAnsweredCallAsync(payerId);
        await world.Recorder.SetOutcomeAsync(first, CallOutcome.WrongParty, "{}");
        await world.Recorder.SetOutcomeAsync(first, CallOutcome.WrongParty, "{}"); // same call: counted once

        var nextDay = Now.AddDays(1);
        Assert.True((await world.VerdictAsync(payerId, nextDay)).Allowed); // a wrong party is not a conversation: no quiet period
        await world.Recorder.SetOutcomeAsync(await world.AddAnsweredCallAsync(payerId, nextDay), CallOutcome.WrongParty, "{}");

        var verdict = await world.VerdictAsync(payerId, Now.AddDays(3));
        Assert.Equal(WrongNumberRule.RuleName, verdict.RuleName);
        Assert.Equal([OutcomeAuditActions.WrongParty, OutcomeAuditActions.WrongNumber], (await world.AuditAsync(payerId)).Select(a => a.Action));
    }

    [Fact]
    public async Task RightPartyOutcome_ResetsTheWrongPartyCount()
    {
        await using var world = await OutcomeWorld.CreateAsync(Now);
        var payerId = await world.AddPayerAsync();
        await world.Recorder.SetOutcomeAsync(await world.AddAnsweredCallAsync(payerId), CallOutcome.WrongParty, "{}");
        await world.Recorder.SetOutcomeAsync(await world.AddAnsweredCallAsync(payerId), CallOutcome.PaymentLink, "{}");
        await world.Recorder.SetOutcomeAsync(await world.AddAnsweredCallAsync(payerId), CallOutcome.WrongParty, "{}");

        await using var db = await world.Contexts.CreateDbContextAsync();
        var payer = await db.Payers.AsNoTracking().SingleAsync(p => p.Id == payerId);
        Assert.Equal((1, (DateTimeOffset?)null), (payer.WrongPartyCount, payer.WrongNumberAt));
    }

    [Theory]
    [InlineData(CallOutcome.Voicemail)]
    [InlineData(CallOutcome.NoContact)]
    [InlineData(CallOutcome.Unknown)]
    public async Task UnansweredOrIncomplete_LeavesTheRecordToTheRetryRules(CallOutcome outcome)
    {
        await using var world = await OutcomeWorld.CreateAsync(Now);
        var payerId = await world.AddPayerAsync();
        await world.Recorder.SetOutcomeAsync(await world.AddAnsweredCallAsync(payerId), outcome, null);

        await using var db = await world.Contexts.CreateDbContextAsync();
        Assert.False(await db.PaymentPromises.AnyAsync() || await db.Disputes.AnyAsync() || await db.PaymentClaims.AnyAsync()
                     || await db.CallbackRequests.AnyAsync() || await db.PaymentLinkRequests.AnyAsync());
        Assert.Empty(await world.AuditAsync(payerId));
    }

    [Fact]
    public async Task Review_CallbackWhoseJobWasLost_IsScheduledAgain()
    {
        await using var world = await OutcomeWorld.CreateAsync(Now);
        var payerId = await world.AddPayerAsync();
        world.Callbacks.OnSchedule = _ => throw new InvalidOperationException("scheduler unreachable");
        await world.Recorder.SetOutcomeAsync(await world.AddAnsweredCallAsync(payerId), CallOutcome.Callback, $$"""{"callbackAt":"{{Now.AddHours(2):O}}"}""");
        Assert.Empty(world.Callbacks.Scheduled); // the effect failed after the commit; the outcome and the row stay

        world.Callbacks.OnSchedule = null;
        Assert.Equal(1, (await world.Review.RunAsync()).CallbacksRescheduled);
        Assert.Single(world.Callbacks.Scheduled);
        Assert.Equal(0, (await world.Review.RunAsync()).CallbacksRescheduled);
    }
}
