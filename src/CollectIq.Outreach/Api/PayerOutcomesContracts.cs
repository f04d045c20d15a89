using CollectIq.Domain.Outcomes;
using CollectIq.Domain.Promises;

namespace CollectIq.Outreach.Api;

/// <summary>
/// GET /api/payers/{id}/outreach-status: what the payer's record says about calling them, and the dialing policy's
/// answer right now. <c>nextScheduledCall</c> is the payer's pending callback, if any.
/// </summary>
public sealed record PayerOutreachStatus(
    int PayerId,
    bool Callable,
    string? BlockingRule,
    string? BlockingReason,
    DateTimeOffset? NextAllowedAt,
    DateTimeOffset? OptedOutAt,
    DisputeView? OpenDispute,
    PromiseView? LatestPromise,
    PaymentClaimView? PendingPaymentClaim,
    IReadOnlyList<PaymentLinkView> PendingPaymentLinks,
    ScheduledCallView? NextScheduledCall,
    WrongNumberView WrongNumber);

public sealed record DisputeView(int Id, int? CallId, string? InvoiceNumber, string? Reason, DateTimeOffset OpenedAt, DateTimeOffset? ResolvedAt, string? Resolution, string? ResolvedBy)
{
    public static DisputeView From(Dispute d) => new(d.Id, d.CallId, d.InvoiceNumber, d.Reason, d.OpenedAt, d.ResolvedAt, d.Resolution, d.ResolvedBy);
}

public sealed record PromiseView(int Id, int? CallId, decimal Amount, string Currency, DateOnly PromisedDate, string State, DateTimeOffset CreatedAt, DateTimeOffset? ReviewedAt)
{
    public static PromiseView From(PaymentPromise p) => new(p.Id, p.CallId, p.Amount, p.Currency, p.PromisedDate, p.State.ToString().ToLowerInvariant(), p.CreatedAt, p.ReviewedAt);
}

public sealed record PaymentClaimView(int Id, int? CallId, DateOnly? PaidOn, string? Reference, DateTimeOffset ClaimedAt, DateTimeOffset HoldUntil, string State)
{
    public static PaymentClaimView From(PaymentClaim c) => new(c.Id, c.CallId, c.PaidOn, c.Reference, c.ClaimedAt, c.HoldUntil, c.State.ToString().ToLowerInvariant());
}

public sealed record PaymentLinkView(int Id, int PayerId, int? CallId, decimal? Amount, string Currency, DateTimeOffset RequestedAt, string State, DateTimeOffset? SentAt, string? SentBy)
{
    public static PaymentLinkView From(PaymentLinkRequest l) => new(l.Id, l.PayerId, l.CallId, l.Amount, l.Currency, l.RequestedAt, l.State.ToString().ToLowerInvariant(), l.SentAt, l.SentBy);
}

/// <param name="Kind">"callback" (the payer asked for this call).</param>
public sealed record ScheduledCallView(int CallbackId, string Kind, DateTimeOffset At, DateTimeOffset RequestedFor, string? Adjustment, int? RequestedOnCallId)
{
    public static ScheduledCallView From(CallbackRequest c) => new(c.Id, "callback", c.ScheduledFor, c.RequestedFor, c.Adjustment, c.CallId);
}

public sealed record WrongNumberView(int WrongPartyCount, DateTimeOffset? FlaggedAt);

/// <summary>Body of the operator actions: a reason is required (it goes into the audit log).</summary>
public sealed record OperatorReason(string? Reason);

/// <summary>Body of POST /api/payers/{id}/dispute (an operator records a dispute received by mail, e-mail…).</summary>
public sealed record NewDispute(string? InvoiceNumber, string? Reason);

/// <summary>Body of PUT /api/payers/{id}/phone.</summary>
public sealed record PhoneChange(string? Phone, string? Reason);

/// <summary>Answer of PUT /api/payers/{id}/phone: the stored number masked (no full numbers in answers that go to logs).</summary>
public sealed record PhoneChanged(int PayerId, string MaskedPhone, int WrongPartyCount, DateTimeOffset? WrongNumberAt);
