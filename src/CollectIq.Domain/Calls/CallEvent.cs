namespace CollectIq.Domain.Calls;

/// <summary>A protocol event worth keeping for support: start, stop, mark, dtmf, clear, error, …</summary>
public sealed class CallEvent
{
    public long Id { get; set; }
    public int CallId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Type { get; set; }
    /// <summary>Short detail; never a full phone number or a balance.</summary>
    public string? Detail { get; set; }
}
