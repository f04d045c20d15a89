using CollectIq.Data;
using CollectIq.Domain.Audit;
using CollectIq.Domain.Outcomes;
using CollectIq.Domain.Phones;
using CollectIq.Domain.Promises;
using CollectIq.Outreach.Compliance;
using CollectIq.Outreach.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CollectIq.Outreach.Outcomes;

/// <summary>What one review did.</summary>
public sealed record OutcomeReviewResult(int PromisesKept, int PromisesBroken, int ClaimsVerified, int ClaimsUnverified, int CallbacksRescheduled);

/// <summary>
/// Closes the loop on held outreach: a pending promise whose date + grace has passed is marked kept (the open balance
/// fell by the promised amount, or is zero) or broken (outreach resumes, flagged by the planner); a payment claim whose
/// verification period ended is verified (the balance fell) or unverified (outreach resumes). Also re-creates the job of
/// any scheduled callback that lost it (scheduler unreachable when the outcome was recorded). Every decision is audited.
/// </summary>
public sealed partial class OutcomeReview(
    IDbContextFactory<CollectIqDbContext> contexts,
    ICallbackScheduler callbacks,
    IOptions<OutreachOptions> options,
    [FromKeyedServices(OutreachClock.Key)] TimeProvider time,
    ILogger<OutcomeReview> logger)
{
    /// <summary>Rounding slack when comparing balances (a payment of 99.999 covers 100).</summary>
    private const decimal Slack = 0.01m;

    public async Task<OutcomeReviewResult> RunAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var grace = options.Value.Outcomes.PromiseGraceDays;
        await using var db = await contexts.CreateDbContextAsync(ct);

        int kept = 0, broken = 0, verified = 0, unverified = 0, rescheduled = 0;
        // Promises: the date is the payer's; no zone is more than 14 h from UTC, so only those dated before (UTC today - grace) can be due.
        var horizon = DateOnly.FromDateTime(now.UtcDateTime).AddDays(1 - grace);
        var promises = await db.PaymentPromises.Where(p => p.State == PromiseState.Pending && p.PromisedDate < horizon).ToListAsync(ct);
        var payerIds = promises.Select(p => p.PayerId).ToHashSet();
        var claims = await db.PaymentClaims.Where(c => c.State == PaymentClaimState.Pending && c.HoldUntil <= now).ToListAsync(ct);
        payerIds.UnionWith(claims.Select(c => c.PayerId));
        var payers = await db.Payers.AsNoTracking().Include(p => p.Invoices).Where(p => payerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);

        foreach (var promise in promises)
        {
            if (!payers.TryGetValue(promise.PayerId, out var payer)) continue;
            var today = LocalClock.LocalDate(PayerTimeZones.Primary(payer), now);
            if (promise.PromisedDate.AddDays(grace) >= today) continue; // not due yet in the payer's zone
            var balance = OutcomeEffects.OpenBalance(payer, promise.Currency);
            var covered = balance <= Slack || (promise.BalanceAtPromise is { } before && before - balance >= promise.Amount - Slack);
            promise.State = covered ? PromiseState.Kept : PromiseState.Broken;
            promise.ReviewedAt = now;
            if (covered) kept++; else broken++;
            db.AuditEntries.Add(new AuditEntry
            {
                At = now, PayerId = promise.PayerId, CallId = promise.CallId, Actor = "scheduler",
                Action = covered ? OutcomeAuditActions.PromiseKept : OutcomeAuditActions.PromiseBroken,
                Reason = covered
                    ? $"Promise to pay by {promise.PromisedDate:yyyy-MM-dd} kept: the payment shows in the open balance."
                    : $"Promise to pay by {promise.PromisedDate:yyyy-MM-dd} broken: no matching payment {grace} day{(grace == 1 ? "" : "s")} after the date; outreach resumes, flagged as a broken promise.",
            });
        }

        foreach (var claim in claims)
        {
            if (!payers.TryGetValue(claim.PayerId, out var payer)) continue;
            var balance = OutcomeEffects.OpenBalance(payer, claim.Currency);
            var paid = balance <= Slack || (claim.BalanceAtClaim is { } before && balance < before - Slack);
            claim.State = paid ? PaymentClaimState.Verified : PaymentClaimState.Unverified;
            claim.ReviewedAt = now;
            if (paid) verified++; else unverified++;
            db.AuditEntries.Add(new AuditEntry
            {
                At = now, PayerId = claim.PayerId, CallId = claim.CallId, Actor = "scheduler",
                Action = paid ? OutcomeAuditActions.PaymentVerified : OutcomeAuditActions.PaymentUnverified,
                Reason = paid
                    ? "The payment the payer reported shows in the open balance."
                    : $"No payment showed up in the {options.Value.Outcomes.PaidVerificationBusinessDays}-business-day verification period: outreach resumes.",
            });
        }
        await db.SaveChangesAsync(ct);

        foreach (var callback in await db.CallbackRequests.AsNoTracking().Where(c => c.State == CallbackState.Scheduled).ToListAsync(ct))
        {
            if (await callbacks.IsScheduledAsync(callback.Id, ct)) continue;
            await callbacks.ScheduleAsync(callback, ct);
            rescheduled++;
        }

        var result = new OutcomeReviewResult(kept, broken, verified, unverified, rescheduled);
        if (kept + broken + verified + unverified + rescheduled > 0) LogReview(logger, kept, broken, verified, unverified, rescheduled);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outcome review: promises kept {Kept}, broken {Broken}; payment claims verified {Verified}, unverified {Unverified}; callbacks rescheduled {Rescheduled}.")]
    private static partial void LogReview(ILogger logger, int kept, int broken, int verified, int unverified, int rescheduled);
}
