namespace CollectIq.Domain.Calls;

/// <summary>One phone call to (or from) a payer, as Twilio and our media stream saw it.</summary>
public sealed class Call
{
    public int Id { get; set; }
    public int PayerId { get; set; }
    public string? TwilioCallSid { get; set; }
    public string? StreamSid { get; set; }
    public CallDirection Direction { get; set; } = CallDirection.Outbound;
    /// <summary>Twilio's words: queued, initiated, ringing, in-progress, completed, busy, no-answer, failed, canceled.</summary>
    public string Status { get; set; } = CallStatuses.Queued;
    /// <summary>Who started it: "operator:alice", "scheduler", "cli", "softphone:alice" (a test call).</summary>
    public string? RequestedBy { get; set; }

    /// <summary>
    /// <see cref="RequestedBy"/> prefix of a browser softphone call: an operator role-plays the payer, so the call's
    /// outcome is stored and shown but has no effect on the real payer's record, outreach or dashboard rates.
    /// </summary>
    public const string TestCallRequesterPrefix = "softphone:";

    /// <summary>True for a softphone role-play (see <see cref="TestCallRequesterPrefix"/>).</summary>
    public bool IsTestCall => IsTestCallRequester(RequestedBy);

    /// <summary>The same check on a bare <see cref="RequestedBy"/> value (for projections that do not load the call).</summary>
    public static bool IsTestCallRequester(string? requestedBy) =>
        requestedBy is not null && requestedBy.StartsWith(TestCallRequesterPrefix, StringComparison.Ordinal);

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public int? DurationSeconds { get; set; }
    /// <summary>Twilio AnsweredBy: human, machine_start, machine_end_beep, …, unknown.</summary>
    public string? AnsweredBy { get; set; }
    /// <summary>Why the call ended, in our words: "stream-stopped", "socket-closed", "agent-hangup", "status-callback", …</summary>
    public string? HangupCause { get; set; }

    public CallOutcome? Outcome { get; set; }
    /// <summary>Outcome facts as JSON (amount, date, reason…), shaped by the outcome kind.</summary>
    public string? OutcomeDetail { get; set; }

    public List<CallStatusChange> StatusHistory { get; set; } = [];
    public List<TranscriptTurn> Transcript { get; set; } = [];
    public List<CallEvent> Events { get; set; } = [];

    public bool IsFinal => CallStatuses.IsTerminal(Status);
}

public enum CallDirection
{
    Outbound = 0,
    Inbound = 1,
}
