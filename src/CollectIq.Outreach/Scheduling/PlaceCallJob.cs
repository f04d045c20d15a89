using Microsoft.Extensions.DependencyInjection;
using CollectIq.Domain.Audit;
using CollectIq.Outreach.Audit;
using CollectIq.Outreach.Compliance;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace CollectIq.Outreach.Scheduling;

/// <summary>
/// Dials one payer. Re-checks every rule on fresh data right before dialing (the plan may be minutes old),
/// waits for a free line under the concurrency cap, and records the decision. One payer's failure is caught
/// here and never reaches another call.
/// </summary>
[PersistJobDataAfterExecution]
public sealed partial class PlaceCallJob(
    IOutreachCandidateSource source,
    IOutreachDialer dialer,
    DialingPolicy policy,
    IAuditLog audit,
    DialGate gate,
    IOptions<OutreachOptions> options,
    [FromKeyedServices(OutreachClock.Key)] TimeProvider time,
    ILogger<PlaceCallJob> logger) : IJob
{
    public const string PayerIdKey = "payerId";
    public const string WhyKey = "why";
    public const string StateKey = "state";
    public const string StatePending = "pending";
    public const string StateCalled = "called";
    public const string StateRefused = "refused";
    public const string StateFailed = "failed";

    /// <summary>A refused or failed call job does not block a later pass the same day (nor count toward the cap).</summary>
    public static bool MayRetryToday(IJobDetail job) =>
        job.JobDataMap.TryGetString(StateKey, out var state) && state is StateRefused or StateFailed;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var data = context.JobDetail.JobDataMap;
        var payerId = data.GetInt(PayerIdKey);
        var why = data.TryGetString(WhyKey, out var w) ? w ?? "" : "";
        var ct = cancellationToken;

        await gate.WaitAsync(ct);
        try
        {
            if (data.TryGetString(StateKey, out var state) && state == StateCalled) return; // recovered after the dial: never twice

            if (await dialer.CountActiveCallsAsync(ct) >= o.Throttle.MaxConcurrentCalls)
            {
                await WaitForFreeLineAsync(context, o.Throttle.BusyLineRecheck, ct);
                return;
            }

            var now = time.GetUtcNow();
            var candidate = await source.GetCandidateAsync(payerId, now, ct);
            if (candidate is null)
            {
                data[StateKey] = StateRefused;
                await AuditAsync(now, payerId, null, AuditActions.Refused, "The payer no longer exists.", ct);
                return;
            }
            var verdict = policy.Evaluate(candidate, now);
            if (!verdict.Allowed)
            {
                data[StateKey] = StateRefused;
                await AuditAsync(now, payerId, null, AuditActions.Refused, $"{verdict.RuleName}: {verdict.Reason}", ct);
                LogRefused(logger, payerId, verdict.RuleName);
                return;
            }

            var result = await dialer.DialAsync(new OutreachDialRequest(payerId, "scheduler", o.Voicemail.MachineDetection, why), ct);
            if (result.Placed)
            {
                data[StateKey] = StateCalled;
                await AuditAsync(now, payerId, result.CallId, AuditActions.Called, why, ct);
                LogCalled(logger, payerId, result.CallId);
                await Task.Delay(TimeSpan.FromSeconds(1 / o.Throttle.CallsPerSecond), ct); // CPS: hold the gate
            }
            else
            {
                data[StateKey] = StateRefused;
                await AuditAsync(now, payerId, null, AuditActions.Refused, result.Refusal ?? "The call was not placed.", ct);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            data[StateKey] = StateFailed;
            LogFailed(logger, payerId, ex);
            try { await AuditAsync(time.GetUtcNow(), payerId, null, AuditActions.Failed, $"The call could not be placed: {ex.GetType().Name}.", CancellationToken.None); }
            catch (Exception auditError) { LogFailed(logger, payerId, auditError); }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>All lines busy: fire this job again a little later with a fresh trigger (the current one completes normally).</summary>
    private static async Task WaitForFreeLineAsync(IJobExecutionContext context, TimeSpan recheck, CancellationToken ct)
    {
        var key = context.JobDetail.Key;
        var retry = TriggerBuilder.Create()
            .WithIdentity($"{key.Name}-wait-{Guid.NewGuid():N}", key.Group)
            .ForJob(key)
            .StartAt(DateTimeOffset.UtcNow + recheck)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await context.Scheduler.ScheduleJob(retry, new ScheduleJobOptions(), ct);
    }

    private Task AuditAsync(DateTimeOffset at, int payerId, int? callId, string action, string reason, CancellationToken ct) =>
        audit.WriteAsync(new AuditEntry { At = at, PayerId = payerId, CallId = callId, Action = action, Actor = "scheduler", Reason = reason }, ct);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outreach called payer {PayerId} (call {CallId}).")]
    private static partial void LogCalled(ILogger logger, int payerId, int? callId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outreach refused to call payer {PayerId}: rule {Rule}.")]
    private static partial void LogRefused(ILogger logger, int payerId, string rule);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outreach call to payer {PayerId} failed.")]
    private static partial void LogFailed(ILogger logger, int payerId, Exception exception);
}
