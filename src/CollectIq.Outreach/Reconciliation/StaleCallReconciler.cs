using CollectIq.Data;
using CollectIq.Domain.Audit;
using CollectIq.Domain.Calls;
using CollectIq.Outreach.Outcomes;
using CollectIq.Outreach.Scheduling;
using CollectIq.Telephony.Twilio;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CollectIq.Outreach.Reconciliation;

/// <summary>What one reconciliation run did.</summary>
public sealed record ReconcileResult(int Checked, int Updated, int FailedWithoutSid, int UnknownToTwilio, int Errors);

/// <summary>
/// Calls whose node died keep a live status (queued/ringing/in-progress) forever and hold a line of the cluster-wide cap.
/// A call with no status change for Outreach:Reconciler:StaleAfter is asked about at Twilio
/// (<see cref="ITwilioCallsClient.GetCallAsync"/>) and Twilio's status is applied through the same never-backwards path as
/// the status callback (<see cref="ICallRecorder.AdvanceStatusAsync"/>, source "reconciler"). A call Twilio does not know
/// (404), or one that never got a CallSid, is marked failed. Twilio being unreachable changes nothing (next run).
/// </summary>
public sealed partial class StaleCallReconciler(
    IDbContextFactory<CollectIqDbContext> contexts,
    ITwilioCallsClient twilio,
    ICallRecorder recorder,
    IOptions<OutreachOptions> options,
    [FromKeyedServices(OutreachClock.Key)] TimeProvider time,
    ILogger<StaleCallReconciler> logger)
{
    public const string Source = "reconciler";
    private static readonly string[] FinalStatuses = CallStatuses.All.Where(CallStatuses.IsTerminal).ToArray();

    public async Task<ReconcileResult> RunAsync(CancellationToken ct = default)
    {
        var o = options.Value.Reconciler;
        var now = time.GetUtcNow();
        var cutoff = now - o.StaleAfter;
        List<(int Id, int PayerId, string? Sid, string Status)> stale;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            stale = (await db.Calls.AsNoTracking()
                    .Where(c => !FinalStatuses.Contains(c.Status) && c.CreatedAt < cutoff && !c.StatusHistory.Any(s => s.At >= cutoff))
                    .OrderBy(c => c.Id).Take(o.BatchSize)
                    .Select(c => new { c.Id, c.PayerId, c.TwilioCallSid, c.Status }).ToListAsync(ct))
                .Select(c => (c.Id, c.PayerId, c.TwilioCallSid, c.Status)).ToList();
        }

        int updated = 0, noSid = 0, unknown = 0, errors = 0;
        var minutes = (int)o.StaleAfter.TotalMinutes;
        foreach (var call in stale)
        {
            if (call.Sid is null)
            {
                if (await FailAsync(call.Id, call.PayerId, now, "reconciler: never reached Twilio",
                        $"Call {call.Id} stayed {call.Status} for {minutes} min without a Twilio call sid: marked failed (frees its line).", ct)) noSid++;
                continue;
            }
            TwilioCall remote;
            try
            {
                remote = await twilio.GetCallAsync(call.Sid, ct);
            }
            catch (TwilioApiException ex) when (ex.HttpStatus == 404)
            {
                if (await FailAsync(call.Id, call.PayerId, now, "reconciler: unknown to Twilio",
                        $"Call {call.Id} stayed {call.Status} for {minutes} min and Twilio does not know its sid: marked failed (frees its line).", ct)) unknown++;
                continue;
            }
            catch (Exception ex) when (ex is TwilioApiException or HttpRequestException or TimeoutException or InvalidOperationException
                                       || (ex is OperationCanceledException && !ct.IsCancellationRequested))
            {
                errors++;
                LogLookupFailed(logger, call.Id, ex.Message);
                continue;
            }

            var status = CallStatuses.Normalize(remote.Status);
            if (!CallStatuses.IsKnown(status) || !CallStatuses.CanAdvance(call.Status, status)) continue; // Twilio agrees it is still live
            var terminal = CallStatuses.IsTerminal(status);
            var applied = await recorder.AdvanceStatusAsync(call.Id, status, Source,
                new CallStatusDetails(remote.DurationSeconds, remote.AnsweredBy, terminal ? "reconciler: final status from Twilio" : null), ct);
            if (!applied) continue; // a late callback got there first
            updated++;
            await recorder.RecordEventAsync(call.Id, Source, $"{call.Status} -> {status} from Twilio after {minutes} min without a status update", ct);
            await AuditAsync(call.Id, call.PayerId, now, $"Call {call.Id} had no status update for {minutes} min; Twilio says {status}: applied.", ct);
        }

        var result = new ReconcileResult(stale.Count, updated, noSid, unknown, errors);
        if (stale.Count > 0) LogRun(logger, stale.Count, updated, noSid, unknown, errors);
        return result;
    }

    private async Task<bool> FailAsync(int callId, int payerId, DateTimeOffset now, string cause, string reason, CancellationToken ct)
    {
        if (!await recorder.AdvanceStatusAsync(callId, CallStatuses.Failed, Source, new CallStatusDetails(HangupCause: cause), ct)) return false;
        await recorder.RecordEventAsync(callId, Source, cause, ct);
        await AuditAsync(callId, payerId, now, reason, ct);
        return true;
    }

    private async Task AuditAsync(int callId, int payerId, DateTimeOffset now, string reason, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.AuditEntries.Add(new AuditEntry { At = now, PayerId = payerId, CallId = callId, Action = OutcomeAuditActions.CallReconciled, Actor = "scheduler", Reason = reason });
        await db.SaveChangesAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciler: Twilio lookup for call {CallId} failed, retried next run: {Error}")]
    private static partial void LogLookupFailed(ILogger logger, int callId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciler: {Checked} stale calls checked, {Updated} updated from Twilio, {NoSid} failed without sid, {Unknown} unknown to Twilio, {Errors} lookups failed.")]
    private static partial void LogRun(ILogger logger, int @checked, int updated, int noSid, int unknown, int errors);
}
