namespace CollectIq.Domain.Outcomes;

/// <summary>
/// The payer asked to be called back at a time. Outreach schedules one call at <see cref="ScheduledFor"/> (the requested
/// time moved into the payer's calling window when needed) and places no other call before it.
/// </summary>
public sealed class CallbackRequest
{
    public int Id { get; set; }
    public int PayerId { get; set; }
    /// <summary>The call on which the payer asked (at most one callback per call).</summary>
    public int? CallId { get; set; }
    /// <summary>The time the payer asked for.</summary>
    public DateTimeOffset RequestedFor { get; set; }
    /// <summary>When we will call: <see cref="RequestedFor"/>, or the next allowed slot when that was past or outside the window.</summary>
    public DateTimeOffset ScheduledFor { get; set; }
    /// <summary>Why <see cref="ScheduledFor"/> differs from the request, in plain words; null when it does not.</summary>
    public string? Adjustment { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public CallbackState State { get; set; } = CallbackState.Scheduled;
    /// <summary>The call placed for the callback.</summary>
    public int? PlacedCallId { get; set; }
    /// <summary>Why it was not placed, or canceled.</summary>
    public string? Note { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
}

public enum CallbackState
{
    Scheduled = 0,
    Placed = 1,
    Refused = 2,
    Canceled = 3,
}
