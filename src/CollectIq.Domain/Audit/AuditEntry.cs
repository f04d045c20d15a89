namespace CollectIq.Domain.Audit;

/// <summary>An outreach decision or an operator action that someone may have to explain later.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public int? PayerId { get; set; }
    public int? CallId { get; set; }
    /// <summary>"called", "skipped", "refused", "opt-out", "opt-out-cleared", "paused", …</summary>
    public required string Action { get; set; }
    /// <summary>A reason a person understands; never a full phone number or a balance.</summary>
    public string? Reason { get; set; }
    /// <summary>"scheduler", "operator:alice", "payer", "api".</summary>
    public string? Actor { get; set; }
}
