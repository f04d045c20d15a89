using CollectIq.Data;
using CollectIq.Domain.Audit;
using CollectIq.Domain.Outcomes;
using CollectIq.Outreach.Audit;
using CollectIq.Outreach.Compliance;
using CollectIq.Outreach.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace CollectIq.Outreach.Outcomes;

/// <summary>
/// Places the callback a payer asked for, at its time. At fire time the whole dialing policy runs again on fresh data
/// (opt-out, dispute, frequency cap, calling window…), with only the quiet period after a conversation waived (the
/// payer's own request, Reg F 1006.14(b)(3)(i)); a closed window or a full cap moves the call to the next allowed
/// instant, any other refusal closes the callback. Busy lines wait like any scheduled call.
/// </summary>
public sealed partial class CallbackCallJob(
    IDbContextFactory<CollectIqDbContext> contexts,
    IOutreachCandidateSource source,
    IOutreachDialer dialer,
    DialingPolicy policy,
    IAuditLog audit,
    DialGate gate,
    IOptions<OutreachOptions> options,
    [FromKeyedServices(OutreachClock.Key)] TimeProvider time,
    ILogger<CallbackCallJob> logger) : IJob
{
    public const string CallbackIdKey = "callbackId";
    /// <summary>Call.RequestedBy of a callback: <see cref="Dialing.Guards.DialingPolicyGuard"/> applies the callback exemption to it.</summary>
    public const string Requester = "scheduler:callback";

    /// <summary>Refusals that pass with time: the callback moves to the rule's next allowed instant instead of being dropped.</summary>
    private static readonly HashSet<string> Movable = [CallingWindowRule.RuleName, FrequencyCapRule.RuleName];

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var callbackId = context.JobDetail.JobDataMap.GetInt(CallbackIdKey);
        await gate.WaitAsync(ct);
        try
        {
            await RunAsync(context, callbackId, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, callbackId, ex);
            await CloseAsync(callbackId, CallbackState.Refused, null, $"The callback could not be placed: {ex.GetType().Name}.", AuditActions.Failed, CancellationToken.None);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task RunAsync(IJobExecutionContext context, int callbackId, CancellationToken ct)
    {
        CallbackRequest? callback;
        await using (var db = await contexts.CreateDbContextAsync(ct))
            callback = await db.CallbackRequests.AsNoTracking().FirstOrDefaultAsync(c => c.Id == callbackId, ct);
        if (callback is not { State: CallbackState.Scheduled }) return; // canceled, replaced or already placed

        var o = options.Value;
        if (await dialer.CountActiveCallsAsync(ct) >= o.Throttle.MaxConcurrentCalls)
        {
            await RefireAtAsync(context, DateTimeOffset.UtcNow + o.Throttle.BusyLineRecheck, ct);
            return;
        }

        var now = time.GetUtcNow();
        var candidate = await source.GetCandidateAsync(callback.PayerId, now, ct);
        if (candidate is null)
        {
            await CloseAsync(callbackId, CallbackState.Refused, null, "The payer no longer exists.", AuditActions.Refused, ct);
            return;
        }
        var verdict = policy.Evaluate(candidate with { DialingForCallback = true }, now);
        if (!verdict.Allowed)
        {
            if (verdict.RuleName == CallInProgressRule.RuleName)
            {
                // Typically the very call on which the payer asked ("call me back in five minutes") is still ending.
                await RefireAtAsync(context, DateTimeOffset.UtcNow + o.Throttle.BusyLineRecheck, ct);
                return;
            }
            if (Movable.Contains(verdict.RuleName) && verdict.NextAllowedAt is { } next && next > now)
            {
                await MoveAsync(context, callback, now, next, verdict, ct);
                return;
            }
            await CloseAsync(callbackId, CallbackState.Refused, null, $"{verdict.RuleName}: {verdict.Reason}", OutcomeAuditActions.CallbackRefused, ct);
            LogRefused(logger, callbackId, verdict.RuleName);
            return;
        }

        var result = await dialer.DialAsync(new OutreachDialRequest(callback.PayerId, Requester, o.Voicemail.MachineDetection,
            $"callback the payer asked for ({callback.RequestedFor.ToOffset(TimeSpan.Zero):yyyy-MM-dd HH:mm} UTC)"), ct);
        if (result.Placed)
        {
            await CloseAsync(callbackId, CallbackState.Placed, result.CallId, "Placed.", AuditActions.Called, ct);
            LogPlaced(logger, callbackId, result.CallId);
        }
        else
        {
            await CloseAsync(callbackId, CallbackState.Refused, result.CallId, result.Refusal ?? "The call was not placed.", OutcomeAuditActions.CallbackRefused, ct);
        }
    }

    /// <summary>The window closed or the cap is full at fire time: same job, new trigger at the next allowed instant.</summary>
    private async Task MoveAsync(IJobExecutionContext context, CallbackRequest callback, DateTimeOffset now, DateTimeOffset next, RuleVerdict verdict, CancellationToken ct)
    {
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            await db.CallbackRequests.Where(c => c.Id == callback.Id && c.State == CallbackState.Scheduled)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ScheduledFor, next)
                    .SetProperty(c => c.Adjustment, $"moved at fire time by {verdict.RuleName} to {next.ToOffset(TimeSpan.Zero):yyyy-MM-dd HH:mm} UTC"), ct);
        }
        // Quartz fires on its own (wall) clock; the policy answered on the app clock: keep the same distance.
        await RefireAtAsync(context, DateTimeOffset.UtcNow + (next - now), ct);
        await audit.WriteAsync(new AuditEntry
        {
            At = now, PayerId = callback.PayerId, CallId = callback.CallId, Action = OutcomeAuditActions.CallbackMoved, Actor = "scheduler",
            Reason = $"Callback moved to {next.ToOffset(TimeSpan.Zero):yyyy-MM-dd HH:mm} UTC: {verdict.RuleName}: {verdict.Reason}",
        }, ct);
    }

    private static async Task RefireAtAsync(IJobExecutionContext context, DateTimeOffset at, CancellationToken ct)
    {
        var key = context.JobDetail.Key;
        var retry = TriggerBuilder.Create()
            .WithIdentity($"{key.Name}-{Guid.NewGuid():N}", key.Group)
            .ForJob(key)
            .StartAt(at)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await context.Scheduler.ScheduleJob(retry, new ScheduleJobOptions(), ct);
    }

    private async Task CloseAsync(int callbackId, CallbackState state, int? placedCallId, string note, string action, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var callback = await db.CallbackRequests.FirstOrDefaultAsync(c => c.Id == callbackId, ct);
        if (callback is null) return;
        callback.State = state;
        callback.PlacedCallId = placedCallId ?? callback.PlacedCallId;
        callback.Note = note.Length <= 1000 ? note : note[..1000];
        callback.ClosedAt = now;
        db.AuditEntries.Add(new AuditEntry
        {
            At = now, PayerId = callback.PayerId, CallId = placedCallId ?? callback.CallId, Action = action, Actor = "scheduler",
            Reason = state == CallbackState.Placed ? "Callback the payer asked for placed." : $"Callback not placed: {callback.Note}",
        });
        await db.SaveChangesAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Callback {CallbackId} placed (call {CallId}).")]
    private static partial void LogPlaced(ILogger logger, int callbackId, int? callId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Callback {CallbackId} refused: rule {Rule}.")]
    private static partial void LogRefused(ILogger logger, int callbackId, string rule);

    [LoggerMessage(Level = LogLevel.Error, Message = "Callback {CallbackId} failed.")]
    private static partial void LogFailed(ILogger logger, int callbackId, Exception exception);
}
