namespace CollectIq.Domain.Outcomes;

/// <summary>
/// The payer asked for a payment link. CollectIQ has no payment provider: the request waits here (an outbox row)
/// until an integration or an operator sends the link and marks it sent.
/// </summary>
public sealed class PaymentLinkRequest
{
    public int Id { get; set; }
    public int PayerId { get; set; }
    public int? CallId { get; set; }
    public decimal? Amount { get; set; }
    public string Currency { get; set; } = "USD";
    public DateTimeOffset RequestedAt { get; set; }
    public PaymentLinkState State { get; set; } = PaymentLinkState.Pending;
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>Who or what sent it ("operator:alice", an integration's name).</summary>
    public string? SentBy { get; set; }
}

public enum PaymentLinkState
{
    Pending = 0,
    Sent = 1,
    Canceled = 2,
}
