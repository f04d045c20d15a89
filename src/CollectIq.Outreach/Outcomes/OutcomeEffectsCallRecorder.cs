using CollectIq.Data.Resilience;
using CollectIq.Domain.Calls;
using Microsoft.Extensions.Logging;

namespace CollectIq.Outreach.Outcomes;

/// <summary>
/// <see cref="ICallRecorder"/> decorator: after the outcome is stored, applies its effect on the payer's record
/// (<see cref="OutcomeEffects"/>). Whatever records the outcome — the voice agent, the keypress menu, an LLM tool call —
/// gets the same effects. An effect SQLite refuses as locked is applied again (effects are written once per call, so a
/// second run never doubles one); one that still fails is logged and never fails the call's own recording.
/// </summary>
public sealed partial class OutcomeEffectsCallRecorder(ICallRecorder inner, OutcomeEffects effects, ILogger<OutcomeEffectsCallRecorder> logger) : ICallRecorder
{
    private readonly DatabaseWriteRetry _retry = new(logger);

    public async Task SetOutcomeAsync(int callId, CallOutcome outcome, string? detailJson, CancellationToken ct = default)
    {
        await inner.SetOutcomeAsync(callId, outcome, detailJson, ct).ConfigureAwait(false);
        try
        {
            await _retry.ExecuteAsync(callId, "outcome-effect", token => effects.ApplyAsync(callId, outcome, detailJson, token), ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogEffectFailed(logger, ex, callId, outcome.ToWire());
        }
    }

    public Task RecordEventAsync(int callId, string type, string? detail, CancellationToken ct = default) => inner.RecordEventAsync(callId, type, detail, ct);
    public Task AppendTurnAsync(int callId, TranscriptTurn turn, CancellationToken ct = default) => inner.AppendTurnAsync(callId, turn, ct);
    public Task MarkTurnInterruptedAsync(int callId, long turnId, string heardText, CancellationToken ct = default) => inner.MarkTurnInterruptedAsync(callId, turnId, heardText, ct);
    public Task AttachStreamAsync(int callId, string streamSid, string callSid, CancellationToken ct = default) => inner.AttachStreamAsync(callId, streamSid, callSid, ct);
    public Task<bool> AdvanceStatusAsync(int callId, string status, string source, CallStatusDetails? details = null, CancellationToken ct = default) =>
        inner.AdvanceStatusAsync(callId, status, source, details, ct);

    [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallId}: the effect of outcome {Outcome} on the payer's record failed (the outcome itself is stored)")]
    private static partial void LogEffectFailed(ILogger logger, Exception exception, int callId, string outcome);
}
