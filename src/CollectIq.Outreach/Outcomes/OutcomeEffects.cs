using CollectIq.Data;
using CollectIq.Domain.Audit;
using CollectIq.Domain.Calls;
using CollectIq.Domain.Outcomes;
using CollectIq.Domain.Payers;
using CollectIq.Domain.Phones;
using CollectIq.Domain.Promises;
using CollectIq.Outreach.Compliance;
using CollectIq.Outreach.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CollectIq.Outreach.Outcomes;

/// <summary>
/// Turns a call's recorded outcome into its effect on the payer's record and future outreach (docs/OUTREACH.md,
/// "Outcome effects"): a promise row that holds outreach to its date, a payment claim held for verification, an open
/// dispute, a scheduled callback, a payment-link request, an opt-out, a wrong-party count. Each effect is written once
/// per call (a repeated outcome changes nothing) together with its audit row, in one transaction.
/// </summary>
public sealed partial class OutcomeEffects(
    IDbContextFactory<CollectIqDbContext> contexts,
    ICallbackScheduler callbacks,
    IOptions<OutreachOptions> options,
    [FromKeyedServices(OutreachClock.Key)] TimeProvider time,
    ILogger<OutcomeEffects> logger)
{
    public const string Actor = "outcome";

    /// <summary>What <see cref="ApplyAsync"/> answers for a softphone test call (<see cref="Call.IsTestCall"/>).</summary>
    public const string TestCallSkipped = "test call: effects skipped";

    /// <summary>Applies the effect of <paramref name="outcome"/> recorded on call <paramref name="callId"/>. Returns what it did, in words (for tests and logs).</summary>
    public async Task<string> ApplyAsync(int callId, CallOutcome outcome, string? detailJson, CancellationToken ct = default)
    {
        var facts = OutcomeDetail.Parse(detailJson);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var call = await db.Calls.AsNoTracking().Where(c => c.Id == callId).Select(c => new { c.Id, c.PayerId, c.RequestedBy }).FirstOrDefaultAsync(ct);
        if (call is null)
        {
            LogCallMissing(logger, callId, outcome.ToWire());
            return "call not found";
        }
        if (Call.IsTestCallRequester(call.RequestedBy))
        {
            // An operator role-played the payer on the browser softphone: the outcome stays on the call, the real payer's record is untouched.
            if (!await db.AuditEntries.AnyAsync(a => a.CallId == callId && a.Action == OutcomeAuditActions.TestCallEffectsSkipped, ct))
            {
                Audit(db, time.GetUtcNow(), call.PayerId, callId, OutcomeAuditActions.TestCallEffectsSkipped, $"test call: effects skipped (outcome {outcome.ToWire()} stays on the call only).");
                await db.SaveChangesAsync(ct);
            }
            LogTestCallSkipped(logger, callId, outcome.ToWire());
            return TestCallSkipped;
        }
        var payer = await db.Payers.Include(p => p.Invoices).FirstOrDefaultAsync(p => p.Id == call.PayerId, ct);
        if (payer is null) return "payer not found";
        var now = time.GetUtcNow();

        var canceled = new List<int>();
        var (done, callback) = outcome switch
        {
            CallOutcome.PromiseToPay or CallOutcome.PartialPayment => (await PromiseAsync(db, payer, callId, facts, now, ct), null),
            CallOutcome.AlreadyPaid => (await PaidAsync(db, payer, callId, facts, now, ct), null),
            CallOutcome.Dispute => (await DisputeAsync(db, payer, callId, facts, now, ct), null),
            CallOutcome.Callback => await CallbackAsync(db, payer, callId, facts, now, canceled, ct),
            CallOutcome.PaymentLink => (await PaymentLinkAsync(db, payer, callId, facts, now, ct), null),
            CallOutcome.OptOut => (OptOut(db, payer, callId, now), null),
            CallOutcome.WrongParty => (await WrongPartyAsync(db, payer, callId, now, ct), null),
            _ => ("no effect on the payer's record (retry rules apply)", (CallbackRequest?)null),
        };
        if (IsRightParty(outcome) && payer.WrongPartyCount > 0) payer.WrongPartyCount = 0; // the number does reach the payer

        await db.SaveChangesAsync(ct);
        foreach (var id in canceled) await callbacks.CancelAsync(id, ct);
        if (callback is not null) await callbacks.ScheduleAsync(callback, ct);
        LogApplied(logger, callId, outcome.ToWire(), done);
        return done;
    }

    private static bool IsRightParty(CallOutcome outcome) => outcome is CallOutcome.PromiseToPay or CallOutcome.PartialPayment or CallOutcome.AlreadyPaid
        or CallOutcome.Dispute or CallOutcome.Callback or CallOutcome.PaymentLink or CallOutcome.OptOut;

    private async Task<string> PromiseAsync(CollectIqDbContext db, Payer payer, int callId, OutcomeDetail facts, DateTimeOffset now, CancellationToken ct)
    {
        if (facts.Amount is not { } amount || amount <= 0 || facts.Date is not { } date)
        {
            // The keypress menu's "1" promises nothing concrete: its reply offers a payment link, so that is what we record.
            if (facts.Source == "keypress") return await PaymentLinkAsync(db, payer, callId, facts, now, ct);
            Audit(db, now, payer.Id, callId, OutcomeAuditActions.OutcomeIncomplete, "A promise to pay without an amount or a date: nothing held; normal outreach rules apply.");
            return "promise incomplete";
        }
        if (await db.PaymentPromises.AnyAsync(p => p.CallId == callId, ct)) return "promise already recorded";
        var currency = Currency(facts.Currency, payer);
        var grace = options.Value.Outcomes.PromiseGraceDays;
        db.PaymentPromises.Add(new PaymentPromise
        {
            PayerId = payer.Id, CallId = callId, Amount = amount, Currency = currency, PromisedDate = date,
            CreatedAt = now, State = PromiseState.Pending, BalanceAtPromise = OpenBalance(payer, currency),
        });
        var resume = date.AddDays(1 + grace);
        Audit(db, now, payer.Id, callId, OutcomeAuditActions.PromiseRecorded,
            $"Promise to pay by {date:yyyy-MM-dd}: no collection call before {resume:yyyy-MM-dd} (payer's calendar, {grace} grace day{(grace == 1 ? "" : "s")}); unpaid by then, it is broken and outreach resumes.");
        return $"promise held until {resume:yyyy-MM-dd}";
    }

    private async Task<string> PaidAsync(CollectIqDbContext db, Payer payer, int callId, OutcomeDetail facts, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.PaymentClaims.AnyAsync(c => c.CallId == callId, ct)) return "claim already recorded";
        var o = options.Value;
        var zone = PayerTimeZones.Primary(payer);
        var today = LocalClock.LocalDate(zone, now);
        var lastDay = BusinessDays.Add(today, o.Outcomes.PaidVerificationBusinessDays, o.CallingWindow.Holidays.ToHashSet());
        var holdUntil = LocalClock.StartOfDay(zone, lastDay.AddDays(1));
        var currency = Currency(facts.Currency, payer);
        db.PaymentClaims.Add(new PaymentClaim
        {
            PayerId = payer.Id, CallId = callId, PaidOn = facts.Date, Reference = Clip(facts.Reference, 100), ClaimedAt = now,
            BalanceAtClaim = OpenBalance(payer, currency), Currency = currency, HoldUntil = holdUntil, State = PaymentClaimState.Pending,
        });
        Audit(db, now, payer.Id, callId, OutcomeAuditActions.PaymentClaimed,
            $"The payer says they paid{(facts.Date is { } d ? $" on {d:yyyy-MM-dd}" : "")}{(facts.Reference is { Length: > 0 } ? " (reference given)" : "")}: no collection call while we verify, through {lastDay:yyyy-MM-dd} ({o.Outcomes.PaidVerificationBusinessDays} business days).");
        return $"paid claim held until {holdUntil:O}";
    }

    private async Task<string> DisputeAsync(CollectIqDbContext db, Payer payer, int callId, OutcomeDetail facts, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.Disputes.AnyAsync(d => d.CallId == callId, ct)) return "dispute already recorded";
        var reason = Clip(facts.Reason, 1000) ?? (facts.Source == "keypress" ? "Disputed on the keypress menu." : null);
        db.Disputes.Add(new Dispute { PayerId = payer.Id, CallId = callId, InvoiceNumber = Clip(facts.InvoiceNumber, 64), Reason = reason, OpenedAt = now });
        Audit(db, now, payer.Id, callId, OutcomeAuditActions.DisputeOpened,
            $"The payer disputes {(facts.InvoiceNumber is { Length: > 0 } n ? $"invoice {n}" : "the balance")}: collection calls paused until an operator resolves the dispute.");
        return "dispute opened; dunning paused";
    }

    private async Task<(string, CallbackRequest?)> CallbackAsync(CollectIqDbContext db, Payer payer, int callId, OutcomeDetail facts, DateTimeOffset now, List<int> canceled, CancellationToken ct)
    {
        if (facts.CallbackAt is not { } requested)
        {
            Audit(db, now, payer.Id, callId, OutcomeAuditActions.OutcomeIncomplete, "A callback request without a time: nothing scheduled; normal outreach rules apply.");
            return ("callback incomplete", null);
        }
        if (await db.CallbackRequests.AnyAsync(c => c.CallId == callId, ct)) return ("callback already recorded", null);

        var (at, adjustment) = CallbackSlot.Choose(requested, now, PayerTimeZones.All(payer), new CallingWindowRule(options.Value));
        if (at is null)
        {
            Audit(db, now, payer.Id, callId, OutcomeAuditActions.CallbackRefused, $"Callback requested for {requested:yyyy-MM-dd HH:mm zzz}: {adjustment}");
            return ("callback not schedulable", null);
        }
        // The newest request wins: an earlier pending callback is canceled (its job removed after the commit).
        var older = await db.CallbackRequests.Where(c => c.PayerId == payer.Id && c.State == CallbackState.Scheduled).ToListAsync(ct);
        foreach (var o in older)
        {
            o.State = CallbackState.Canceled;
            o.ClosedAt = now;
            o.Note = $"Replaced by the callback requested on call {callId}.";
            Audit(db, now, payer.Id, callId, OutcomeAuditActions.CallbackCanceled, $"Earlier callback for {o.ScheduledFor:yyyy-MM-dd HH:mm} UTC replaced by a newer request.");
        }
        var request = new CallbackRequest
        {
            PayerId = payer.Id, CallId = callId, RequestedFor = requested, ScheduledFor = at.Value, Adjustment = adjustment, CreatedAt = now,
            State = CallbackState.Scheduled,
        };
        db.CallbackRequests.Add(request);
        Audit(db, now, payer.Id, callId, OutcomeAuditActions.CallbackScheduled,
            $"Callback at {at.Value.ToOffset(TimeSpan.Zero):yyyy-MM-dd HH:mm} UTC{(adjustment is null ? " as requested" : $" ({adjustment})")}; no other call before it.");
        canceled.AddRange(older.Select(o => o.Id));
        return ($"callback scheduled for {at.Value:O}", request);
    }

    private async Task<string> PaymentLinkAsync(CollectIqDbContext db, Payer payer, int callId, OutcomeDetail facts, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.PaymentLinkRequests.AnyAsync(l => l.CallId == callId, ct)) return "payment link already requested";
        var currency = Currency(facts.Currency, payer);
        db.PaymentLinkRequests.Add(new PaymentLinkRequest
        {
            PayerId = payer.Id, CallId = callId, Amount = facts.Amount is > 0 ? facts.Amount : OpenBalance(payer, currency), Currency = currency,
            RequestedAt = now, State = PaymentLinkState.Pending,
        });
        Audit(db, now, payer.Id, callId, OutcomeAuditActions.PaymentLinkRequested,
            "The payer asked for a payment link: queued for sending (no payment provider is connected; an operator or integration sends it and marks it sent).");
        return "payment link queued";
    }

    private static string OptOut(CollectIqDbContext db, Payer payer, int callId, DateTimeOffset now)
    {
        if (payer.OptedOutAt is not null) return "already opted out";
        payer.OptedOutAt = now;
        Audit(db, now, payer.Id, callId, OutcomeAuditActions.OptOut, "The payer asked on the call to stop calling.", actor: "payer");
        return "opted out";
    }

    private async Task<string> WrongPartyAsync(CollectIqDbContext db, Payer payer, int callId, DateTimeOffset now, CancellationToken ct)
    {
        // Counted once per call: the audit row is the "already counted" record.
        if (await db.AuditEntries.AnyAsync(a => a.CallId == callId && (a.Action == OutcomeAuditActions.WrongParty || a.Action == OutcomeAuditActions.WrongNumber), ct))
            return "wrong party already counted";
        var threshold = options.Value.Outcomes.WrongPartyThreshold;
        payer.WrongPartyCount++;
        if (payer.WrongPartyCount >= threshold && payer.WrongNumberAt is null)
        {
            payer.WrongNumberAt = now;
            Audit(db, now, payer.Id, callId, OutcomeAuditActions.WrongNumber,
                $"The number reached someone other than the payer {payer.WrongPartyCount} times (limit {threshold}): it is no longer dialed until an operator stores a new number.");
            return "number flagged wrong";
        }
        Audit(db, now, payer.Id, callId, OutcomeAuditActions.WrongParty,
            $"Someone other than the payer answered ({payer.WrongPartyCount} of {threshold} before the number is flagged wrong).");
        return $"wrong party {payer.WrongPartyCount}/{threshold}";
    }

    private static string Currency(string? fromFacts, Payer payer) =>
        fromFacts is { Length: 3 } c ? c.ToUpperInvariant() : payer.Invoices.Where(i => i.IsOpen).Select(i => i.Currency).FirstOrDefault() ?? "USD";

    internal static decimal OpenBalance(Payer payer, string currency) => payer.Invoices.Where(i => i.IsOpen && i.Currency == currency).Sum(i => i.OpenAmount);

    private static string? Clip(string? text, int max) => text is null || text.Length <= max ? text : text[..max];

    private static void Audit(CollectIqDbContext db, DateTimeOffset at, int payerId, int? callId, string action, string reason, string actor = Actor) =>
        db.AuditEntries.Add(new AuditEntry { At = at, PayerId = payerId, CallId = callId, Action = action, Reason = reason, Actor = actor });

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: outcome {Outcome} -> {Effect}")]
    private static partial void LogApplied(ILogger logger, int callId, string outcome, string effect);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: test call: effects skipped for outcome {Outcome}")]
    private static partial void LogTestCallSkipped(ILogger logger, int callId, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: outcome {Outcome} for an unknown call; no effect")]
    private static partial void LogCallMissing(ILogger logger, int callId, string outcome);
}
