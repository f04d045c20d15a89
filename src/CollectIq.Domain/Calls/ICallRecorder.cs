namespace CollectIq.Domain.Calls;

/// <summary>
/// Writes what happens during a call as it happens. Implemented by the data layer; used by the
/// media-stream session, the agent and the webhooks. Every method is safe to call from any call's
/// loop: one call's failure never blocks another.
/// </summary>
public interface ICallRecorder
{
    Task RecordEventAsync(int callId, string type, string? detail, CancellationToken ct = default);
    Task AppendTurnAsync(int callId, TranscriptTurn turn, CancellationToken ct = default);
    /// <summary>Marks an agent turn as interrupted, with the text the payer actually heard.</summary>
    Task MarkTurnInterruptedAsync(int callId, long turnId, string heardText, CancellationToken ct = default);
    Task SetOutcomeAsync(int callId, CallOutcome outcome, string? detailJson, CancellationToken ct = default);
    Task AttachStreamAsync(int callId, string streamSid, string callSid, CancellationToken ct = default);
    /// <summary>Moves the call forward (never backwards). Returns false when the change was stale or a duplicate.</summary>
    Task<bool> AdvanceStatusAsync(int callId, string status, string source, CallStatusDetails? details = null, CancellationToken ct = default);
}

/// <summary>Extra facts a status change may carry (from Twilio's callback or our session).</summary>
public sealed record CallStatusDetails(int? DurationSeconds = null, string? AnsweredBy = null, string? HangupCause = null);
