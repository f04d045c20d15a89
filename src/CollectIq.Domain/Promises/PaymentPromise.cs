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
    /// <summary>Open balance (promise currency) when the promise was made, to tell after the date whether it was kept.</summary>
    public decimal? BalanceAtPromise { get; set; }
    /// <summary>When the promise was marked kept or broken.</summary>
    public DateTimeOffset? ReviewedAt { get; set; }
}

public enum PromiseState
{
    Pending = 0,
    Kept = 1,
    Broken = 2,
}
