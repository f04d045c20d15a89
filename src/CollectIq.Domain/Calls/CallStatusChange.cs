namespace CollectIq.Domain.Calls;

public sealed class CallStatusChange
{
    public long Id { get; set; }
    public int CallId { get; set; }
    public required string Status { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>Where we learned it: "api", "status-callback", "media-stream", "simulator".</summary>
    public string? Source { get; set; }
}
