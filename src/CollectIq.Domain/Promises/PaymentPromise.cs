namespace CollectIq.Domain.Promises;

/// <summary>A confirmed promise to pay captured on a call.</summary>
public sealed class PaymentPromise
{
    public int Id { get; set; }
    public int PayerId { get; set; }
    public int? CallId { get; set; }
    public decimal Amount { get; set; }
    public string Currency { get; set; } = "USD";
    public DateOnly PromisedDate { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public PromiseState State { get; set; } = PromiseState.Pending;
}

public enum PromiseState
{
    Pending = 0,
    Kept = 1,
    Broken = 2,
}
