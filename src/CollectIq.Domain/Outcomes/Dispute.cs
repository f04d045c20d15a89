namespace CollectIq.Domain.Outcomes;

/// <summary>
/// A payer disputing the debt (or one invoice of it). While a dispute is open no collection call is placed
/// (FDCPA §809(b)); only an operator resolves it, with a reason, in the audit log.
/// </summary>
public sealed class Dispute
{
    public int Id { get; set; }
    public int PayerId { get; set; }
    /// <summary>The call on which the payer disputed; null when an operator recorded it.</summary>
    public int? CallId { get; set; }
    /// <summary>The disputed invoice; null for the whole balance.</summary>
    public string? InvoiceNumber { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    /// <summary>What the operator found ("invoice corrected", "dispute rejected: delivery confirmed").</summary>
    public string? Resolution { get; set; }
    /// <summary>"operator:alice", "api".</summary>
    public string? ResolvedBy { get; set; }

    public bool IsOpen => ResolvedAt is null;
}
