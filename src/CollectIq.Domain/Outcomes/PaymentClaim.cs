namespace CollectIq.Domain.Outcomes;

/// <summary>
/// The payer says they already paid. Outreach holds until <see cref="HoldUntil"/> (a verification period in business
/// days), then the claim is checked against the open balance: verified, or unverified and outreach resumes.
/// </summary>
public sealed class PaymentClaim
{
    public int Id { get; set; }
    public int PayerId { get; set; }
    public int? CallId { get; set; }
    /// <summary>When the payer says they paid (their words, their date); null when not given.</summary>
    public DateOnly? PaidOn { get; set; }
    /// <summary>Payment reference or check number the payer gave.</summary>
    public string? Reference { get; set; }
    public DateTimeOffset ClaimedAt { get; set; }
    /// <summary>Open balance (claim currency) when the claim was made, to tell later whether a payment arrived.</summary>
    public decimal? BalanceAtClaim { get; set; }
    public string Currency { get; set; } = "USD";
    /// <summary>No collection call before this instant (start of the payer's day after the verification period).</summary>
    public DateTimeOffset HoldUntil { get; set; }
    public PaymentClaimState State { get; set; } = PaymentClaimState.Pending;
    public DateTimeOffset? ReviewedAt { get; set; }
}

public enum PaymentClaimState
{
    Pending = 0,
    /// <summary>The open balance went down (or to zero) during the verification period.</summary>
    Verified = 1,
    /// <summary>No payment showed up in the verification period: outreach resumes.</summary>
    Unverified = 2,
}
