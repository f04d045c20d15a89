using CollectIq.Data.Resilience;
using CollectIq.Domain.Calls;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CollectIq.Data.Calls;

/// <summary>
/// <see cref="ICallRecorder"/> over EF Core. Each method uses its own short-lived context, so calls on
/// different loops never share state. Status changes are guarded by the Status concurrency token:
/// two racing callbacks cannot both advance from the same status, and a late or repeated one is refused.
/// A write SQLite refuses as locked (forty calls writing at once) is run again from the start (<see cref="DatabaseWriteRetry"/>).
/// </summary>
public sealed partial class EfCallRecorder(IDbContextFactory<CollectIqDbContext> contexts, TimeProvider time, ILogger<EfCallRecorder> logger) : ICallRecorder
{
    private const int MaxConcurrencyRetries = 8;
    private readonly DatabaseWriteRetry _retry = new(logger);

    public async Task RecordEventAsync(int callId, string type, string? detail, CancellationToken ct = default)
    {
        // A stream that broke before its `start` named a call (malformed first frame, a probe, a refused start)
        // has no call row to hang events on: keep them in the structured log instead of failing the insert.
        if (callId <= 0)
        {
            LogEventWithoutCall(logger, Truncate(type, 32)!, Truncate(detail, 200));
            return;
        }
        var at = time.GetUtcNow();
        await _retry.ExecuteAsync(callId, "event", async token =>
        {
            await using var db = await contexts.CreateDbContextAsync(token);
            db.CallEvents.Add(new CallEvent { CallId = callId, At = at, Type = Truncate(type, 32)!, Detail = Truncate(detail, 2000) });
            await db.SaveChangesAsync(token);
        }, ct);
    }

    public async Task AppendTurnAsync(int callId, TranscriptTurn turn, CancellationToken ct = default)
    {
        turn.CallId = callId;
        await _retry.ExecuteAsync(callId, "turn", async token =>
        {
            await using var db = await contexts.CreateDbContextAsync(token);
            turn.Id = 0; // a refused attempt committed nothing: the row is new again
            db.TranscriptTurns.Add(turn);
            await db.SaveChangesAsync(token);
        }, ct);
    }

    public async Task MarkTurnInterruptedAsync(int callId, long turnId, string heardText, CancellationToken ct = default)
    {
        await _retry.ExecuteAsync(callId, "turn-interrupted", async token =>
        {
            await using var db = await contexts.CreateDbContextAsync(token);
            await db.TranscriptTurns.Where(t => t.Id == turnId && t.CallId == callId)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Interrupted, true).SetProperty(t => t.HeardText, heardText), token);
        }, ct);
    }

    public async Task SetOutcomeAsync(int callId, CallOutcome outcome, string? detailJson, CancellationToken ct = default)
    {
        await _retry.ExecuteAsync(callId, "outcome", async token =>
        {
            await using var db = await contexts.CreateDbContextAsync(token);
            await db.Calls.Where(c => c.Id == callId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Outcome, outcome).SetProperty(c => c.OutcomeDetail, detailJson), token);
        }, ct);
    }

    public async Task AttachStreamAsync(int callId, string streamSid, string callSid, CancellationToken ct = default)
    {
        await _retry.ExecuteAsync(callId, "stream", async token =>
        {
            await using var db = await contexts.CreateDbContextAsync(token);
            // Never overwrite a CallSid we already know: a mismatch is the resolver's business, not ours.
            await db.Calls.Where(c => c.Id == callId)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.StreamSid, streamSid)
                    .SetProperty(c => c.TwilioCallSid, c => c.TwilioCallSid ?? callSid), token);
        }, ct);
    }

    public async Task<bool> AdvanceStatusAsync(int callId, string status, string source, CallStatusDetails? details = null, CancellationToken ct = default)
    {
        var next = CallStatuses.Normalize(status);
        if (!CallStatuses.IsKnown(next))
        {
            LogUnknownStatus(logger, callId, status);
            return false;
        }
        return await _retry.ExecuteAsync(callId, "status", token => AdvanceStatusOnceAsync(callId, next, source, details, token), ct);
    }

    private async Task<bool> AdvanceStatusOnceAsync(int callId, string next, string source, CallStatusDetails? details, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var call = await db.Calls.FirstOrDefaultAsync(c => c.Id == callId, ct);
            if (call is null)
            {
                LogUnknownCall(logger, callId, next);
                return false;
            }

            var now = time.GetUtcNow();
            var advanced = CallStatuses.CanAdvance(call.Status, next);
            if (advanced)
            {
                var from = call.Status;
                call.Status = next;
                ApplyTimestamps(call, next, now);
                db.CallStatusChanges.Add(new CallStatusChange { CallId = callId, Status = next, At = now, Source = Truncate(source, 32) });
                LogAdvanced(logger, callId, from, next, source);
            }
            // A repeated or late final callback may still carry facts we lack (Twilio's duration after our stream ended).
            var enriched = Enrich(call, details, isFinalNow: CallStatuses.IsTerminal(call.Status));
            if (!advanced && !enriched) return false;

            try
            {
                await db.SaveChangesAsync(ct);
                return advanced;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxConcurrencyRetries)
            {
                // Someone else moved the status first; re-read and decide again.
            }
        }
    }

    private static void ApplyTimestamps(Call call, string status, DateTimeOffset now)
    {
        if (CallStatuses.Rank(status) >= CallStatuses.Rank(CallStatuses.Initiated)) call.StartedAt ??= now;
        if (status == CallStatuses.InProgress) call.AnsweredAt ??= now;
        if (CallStatuses.IsTerminal(status))
        {
            call.EndedAt ??= now;
            if (call.DurationSeconds is null && call.AnsweredAt is { } answered)
                call.DurationSeconds = Math.Max(0, (int)Math.Round((call.EndedAt.Value - answered).TotalSeconds));
        }
    }

    private static bool Enrich(Call call, CallStatusDetails? details, bool isFinalNow)
    {
        if (details is null) return false;
        var changed = false;
        if (details.AnsweredBy is { Length: > 0 } answeredBy && call.AnsweredBy is null) { call.AnsweredBy = Truncate(answeredBy, 32); changed = true; }
        if (details.HangupCause is { Length: > 0 } cause && call.HangupCause is null && isFinalNow) { call.HangupCause = Truncate(cause, 200); changed = true; }
        // Twilio's CallDuration is authoritative; it replaces our own estimate.
        if (details.DurationSeconds is { } seconds && isFinalNow && call.DurationSeconds != seconds) { call.DurationSeconds = seconds; changed = true; }
        return changed;
    }

    private static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..max];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Media-stream event {Type} before any call was known: {Detail}")]
    private static partial void LogEventWithoutCall(ILogger logger, string type, string? detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} status {From} -> {To} ({Source})")]
    private static partial void LogAdvanced(ILogger logger, int callId, string from, string to, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Status {Status} for unknown call {CallId} ignored")]
    private static partial void LogUnknownCall(ILogger logger, int callId, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unknown call status '{Status}' for call {CallId} ignored")]
    private static partial void LogUnknownStatus(ILogger logger, int callId, string status);
}
