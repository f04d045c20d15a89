using System.Security.Claims;
using CollectIq.Data;
using CollectIq.Domain.Audit;
using CollectIq.Domain.Outcomes;
using Phones = CollectIq.Domain.Phones.PhoneNumbers;
using CollectIq.Domain.Promises;
using CollectIq.Outreach.Compliance;
using CollectIq.Outreach.Outcomes;
using CollectIq.Outreach.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollectIq.Outreach.Api;

/// <summary>
/// The operator side of outcome effects, mapped inside the authenticated /api group by <see cref="OutreachApi.MapOutreachApi"/>:
/// a payer's outreach status, dispute record/resolve, a new phone number after a wrong-number flag, and the
/// payment-link outbox. Every change needs a reason and is audited with the operator's name.
/// </summary>
public static class PayerOutcomesApi
{
    private const int MinReasonLength = 5;

    public static IEndpointRouteBuilder MapPayerOutcomesApi(this IEndpointRouteBuilder api)
    {
        var payer = api.MapGroup("/payers/{id:int}").WithTags("Payers");
        payer.MapGet("/outreach-status", GetStatus).WithName("GetPayerOutreachStatus")
            .WithSummary("What holds or allows calls to the payer: dispute, promise, payment claim, callback, opt-out, wrong number, and the policy's answer now.");
        payer.MapPost("/dispute", OpenDispute).WithName("OpenDispute").WithSummary("Records a dispute received outside a call; collection calls pause until it is resolved.");
        payer.MapPost("/dispute/resolve", ResolveDispute).WithName("ResolveDispute").WithSummary("Resolves the payer's open disputes (reason required, audited); outreach rules apply again.");
        payer.MapPut("/phone", ChangePhone).WithName("ChangePayerPhone").WithSummary("Stores a new number (E.164) and clears a wrong-number flag; reason required, audited.");
        api.MapGet("/payment-links", GetPaymentLinks).WithTags("Payers").WithName("GetPaymentLinkRequests")
            .WithSummary("The payment-link outbox: links payers asked for (state=pending|sent|canceled, default pending), oldest first.");
        api.MapPost("/payment-links/{linkId:int}/sent", MarkLinkSent).WithTags("Payers").WithName("MarkPaymentLinkSent")
            .WithSummary("Marks a requested payment link as sent (by an operator or an integration); audited.");
        return api;
    }

    public static async Task<Results<Ok<PayerOutreachStatus>, NotFound>> GetStatus(
        int id, [FromServices] IDbContextFactory<CollectIqDbContext> contexts, [FromServices] IOutreachCandidateSource source, [FromServices] DialingPolicy policy,
        [FromKeyedServices(OutreachClock.Key)] TimeProvider time, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var payer = await db.Payers.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (payer is null) return TypedResults.NotFound();
        var now = time.GetUtcNow();
        var dispute = await db.Disputes.AsNoTracking().Where(d => d.PayerId == id && d.ResolvedAt == null).OrderBy(d => d.Id).FirstOrDefaultAsync(ct);
        var promise = await db.PaymentPromises.AsNoTracking().Where(p => p.PayerId == id).OrderByDescending(p => p.Id).FirstOrDefaultAsync(ct);
        var claim = await db.PaymentClaims.AsNoTracking().Where(c => c.PayerId == id && c.State == PaymentClaimState.Pending).OrderByDescending(c => c.Id).FirstOrDefaultAsync(ct);
        var links = await db.PaymentLinkRequests.AsNoTracking().Where(l => l.PayerId == id && l.State == PaymentLinkState.Pending).OrderBy(l => l.Id).ToListAsync(ct);
        var callback = await db.CallbackRequests.AsNoTracking().Where(c => c.PayerId == id && c.State == CallbackState.Scheduled).OrderBy(c => c.ScheduledFor).FirstOrDefaultAsync(ct);

        // A payer with nothing open is not a candidate at all (nothing to collect).
        var candidate = await source.GetCandidateAsync(id, now, ct);
        var verdict = candidate is null ? RuleVerdict.Refuse("unknown-payer", "The payer no longer exists.") : policy.Evaluate(candidate, now);
        return TypedResults.Ok(new PayerOutreachStatus(
            id, verdict.Allowed, verdict.Allowed ? null : verdict.RuleName, verdict.Allowed ? null : verdict.Reason, verdict.NextAllowedAt,
            payer.OptedOutAt, dispute is null ? null : DisputeView.From(dispute), promise is null ? null : PromiseView.From(promise),
            claim is null ? null : PaymentClaimView.From(claim), links.Select(PaymentLinkView.From).ToList(),
            callback is null ? null : ScheduledCallView.From(callback), new WrongNumberView(payer.WrongPartyCount, payer.WrongNumberAt)));
    }

    public static async Task<Results<Created<DisputeView>, NotFound, ValidationProblem>> OpenDispute(
        int id, NewDispute? body, [FromServices] IDbContextFactory<CollectIqDbContext> contexts, [FromKeyedServices(OutreachClock.Key)] TimeProvider time,
        ClaimsPrincipal user, CancellationToken ct)
    {
        if (Invalid(body?.Reason) is { } problem) return problem;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Payers.AnyAsync(p => p.Id == id, ct)) return TypedResults.NotFound();
        var now = time.GetUtcNow();
        var dispute = new Dispute { PayerId = id, InvoiceNumber = Clip(body!.InvoiceNumber?.Trim(), 64), Reason = Clip(body.Reason!.Trim(), 1000), OpenedAt = now };
        db.Disputes.Add(dispute);
        db.AuditEntries.Add(new AuditEntry
        {
            At = now, PayerId = id, Action = OutcomeAuditActions.DisputeOpened, Actor = OutreachApi.ActorOf(user),
            Reason = $"Dispute recorded by an operator{(dispute.InvoiceNumber is { } n ? $" for invoice {n}" : "")}: {dispute.Reason} Collection calls paused until resolved.",
        });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/payers/{id}/outreach-status", DisputeView.From(dispute));
    }

    public static async Task<Results<Ok<IReadOnlyList<DisputeView>>, NotFound, Conflict<string>, ValidationProblem>> ResolveDispute(
        int id, OperatorReason? body, [FromServices] IDbContextFactory<CollectIqDbContext> contexts, [FromKeyedServices(OutreachClock.Key)] TimeProvider time,
        ClaimsPrincipal user, CancellationToken ct)
    {
        if (Invalid(body?.Reason) is { } problem) return problem;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Payers.AnyAsync(p => p.Id == id, ct)) return TypedResults.NotFound();
        var open = await db.Disputes.Where(d => d.PayerId == id && d.ResolvedAt == null).ToListAsync(ct);
        if (open.Count == 0) return TypedResults.Conflict("The payer has no open dispute.");
        var now = time.GetUtcNow();
        var actor = OutreachApi.ActorOf(user);
        var reason = Clip(body!.Reason!.Trim(), 1000)!;
        foreach (var d in open)
        {
            d.ResolvedAt = now;
            d.Resolution = reason;
            d.ResolvedBy = actor;
        }
        db.AuditEntries.Add(new AuditEntry
        {
            At = now, PayerId = id, Action = OutcomeAuditActions.DisputeResolved, Actor = actor,
            Reason = $"Dispute resolved ({open.Count} open): {reason}. Outreach rules apply again.",
        });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok<IReadOnlyList<DisputeView>>(open.Select(DisputeView.From).ToList());
    }

    public static async Task<Results<Ok<PhoneChanged>, NotFound, ValidationProblem>> ChangePhone(
        int id, PhoneChange? body, [FromServices] IDbContextFactory<CollectIqDbContext> contexts, [FromKeyedServices(OutreachClock.Key)] TimeProvider time,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Phones.TryNormalize(body?.Phone, out var e164, out var phoneError)) errors["phone"] = [phoneError ?? "Not a valid phone number."];
        if (string.IsNullOrWhiteSpace(body?.Reason) || body.Reason.Trim().Length < MinReasonLength) errors["reason"] = [$"Say why (at least {MinReasonLength} characters): it goes into the audit log."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var payer = await db.Payers.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (payer is null) return TypedResults.NotFound();
        var now = time.GetUtcNow();
        var old = payer.ContactPhone;
        payer.ContactPhone = e164;
        payer.WrongPartyCount = 0;
        payer.WrongNumberAt = null;
        db.AuditEntries.Add(new AuditEntry
        {
            At = now, PayerId = id, Action = OutcomeAuditActions.PhoneChanged, Actor = OutreachApi.ActorOf(user),
            Reason = $"Number {Phones.Mask(old)} replaced by {Phones.Mask(e164)}; wrong-number flag cleared: {Clip(body!.Reason!.Trim(), 800)}",
        });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new PhoneChanged(id, Phones.Mask(e164), 0, null));
    }

    public static async Task<Results<Ok<IReadOnlyList<PaymentLinkView>>, ValidationProblem>> GetPaymentLinks(
        string? state, [FromServices] IDbContextFactory<CollectIqDbContext> contexts, CancellationToken ct)
    {
        var wanted = PaymentLinkState.Pending;
        if (state is not null && !Enum.TryParse(state, ignoreCase: true, out wanted))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["state"] = ["state must be pending, sent or canceled."] });
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.PaymentLinkRequests.AsNoTracking().Where(l => l.State == wanted).OrderBy(l => l.Id).Take(1000).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<PaymentLinkView>>(rows.Select(PaymentLinkView.From).ToList());
    }

    public static async Task<Results<Ok<PaymentLinkView>, NotFound, Conflict<string>>> MarkLinkSent(
        int linkId, [FromServices] IDbContextFactory<CollectIqDbContext> contexts, [FromKeyedServices(OutreachClock.Key)] TimeProvider time,
        ClaimsPrincipal user, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var link = await db.PaymentLinkRequests.FirstOrDefaultAsync(l => l.Id == linkId, ct);
        if (link is null) return TypedResults.NotFound();
        if (link.State != PaymentLinkState.Pending) return TypedResults.Conflict($"The payment link request is already {link.State.ToString().ToLowerInvariant()}.");
        var now = time.GetUtcNow();
        link.State = PaymentLinkState.Sent;
        link.SentAt = now;
        link.SentBy = OutreachApi.ActorOf(user);
        db.AuditEntries.Add(new AuditEntry { At = now, PayerId = link.PayerId, CallId = link.CallId, Action = OutcomeAuditActions.PaymentLinkSent, Actor = link.SentBy, Reason = "Payment link sent." });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(PaymentLinkView.From(link));
    }

    private static ValidationProblem? Invalid(string? reason) =>
        string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < MinReasonLength
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = [$"Say why (at least {MinReasonLength} characters): it goes into the audit log."] })
            : null;

    private static string? Clip(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
