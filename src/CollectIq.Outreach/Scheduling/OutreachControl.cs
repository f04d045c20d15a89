using Microsoft.Extensions.DependencyInjection;
using CollectIq.Data;
using CollectIq.Domain.Outcomes;
using Microsoft.EntityFrameworkCore;
using CollectIq.Domain.Audit;
using CollectIq.Outreach.Audit;
using CollectIq.Outreach.Compliance;
using CollectIq.Outreach.Planning;
using Quartz;

namespace CollectIq.Outreach.Scheduling;

/// <summary>What an operator sees of automatic outreach.</summary>
public sealed record OutreachState(bool Enabled, bool Paused, TimeSpan PassInterval, DateTimeOffset? NextPassAt, DateTimeOffset? LastPassAt, int CallsScheduledToday, int DailyCap, string Store, bool Clustered);

/// <summary>
/// The operator surface of outreach: dry-run plan, pause/resume (Quartz PauseAll/ResumeAll: persisted in the job
/// store, so it survives restarts and applies to every cluster node), state, and the compliance check for manual calls.
/// </summary>
public sealed class OutreachControl(
    ISchedulerFactory schedulers,
    IOutreachCandidateSource source,
    OutreachPlanner planner,
    IAuditLog audit,
    Microsoft.Extensions.Options.IOptions<OutreachOptions> options,
    [FromKeyedServices(OutreachClock.Key)] TimeProvider time,
    IServiceProvider services)
{
    public async Task<OutreachPlan> PlanAsync(DateTimeOffset? at, CancellationToken ct = default)
    {
        var when = at ?? time.GetUtcNow();
        var plan = planner.Plan(await source.GetCandidatesAsync(when, ct), when);
        // Hosts without the application database (tests with in-memory sources) have no callbacks to list.
        if (services.GetService<IDbContextFactory<CollectIqDbContext>>() is not { } contexts) return plan;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var callbacks = await db.CallbackRequests.AsNoTracking().Where(c => c.State == CallbackState.Scheduled)
            .Join(db.Payers, c => c.PayerId, p => p.Id, (c, p) => new { c.Id, c.PayerId, p.Name, c.ScheduledFor, c.RequestedFor, c.Adjustment })
            .ToListAsync(ct);
        return plan with
        {
            Callbacks = callbacks.OrderBy(c => c.ScheduledFor).ThenBy(c => c.Id)
                .Select(c => new PlannedCallback(c.Id, c.PayerId, c.Name, c.ScheduledFor, c.RequestedFor, c.Adjustment)).ToList(),
        };
    }

    /// <summary>The dialing policy's answer for one payer now (for manual "Send Outreach": a refusal names the rule).</summary>
    public async Task<RuleVerdict> CheckAsync(int payerId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var candidate = await source.GetCandidateAsync(payerId, now, ct);
        return candidate is null
            ? RuleVerdict.Refuse("unknown-payer", $"There is no payer {payerId}.")
            : planner.Policy.Evaluate(candidate, now);
    }

    public async Task PauseAsync(string actor, CancellationToken ct = default)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        await scheduler.PauseAll(ct);
        await audit.WriteAsync(new AuditEntry { At = time.GetUtcNow(), Action = AuditActions.Paused, Actor = actor, Reason = "Automatic outreach paused." }, ct);
    }

    public async Task ResumeAsync(string actor, CancellationToken ct = default)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        await scheduler.ResumeAll(ct);
        await audit.WriteAsync(new AuditEntry { At = time.GetUtcNow(), Action = AuditActions.Resumed, Actor = actor, Reason = "Automatic outreach resumed." }, ct);
    }

    public async Task<OutreachState> GetStateAsync(CancellationToken ct = default)
    {
        var o = options.Value;
        var scheduler = await schedulers.GetScheduler(ct);
        var trigger = await scheduler.GetTrigger(OutreachJobKeys.PassTrigger, ct);
        var state = await scheduler.GetTriggerState(OutreachJobKeys.PassTrigger, ct);
        var paused = state is TriggerState.Paused;
        var pass = await scheduler.GetJobDetail(OutreachJobKeys.PassJob, ct);
        DateTimeOffset? lastPass = pass is not null && pass.JobDataMap.TryGetLong(OutreachPassJob.LastPassKey, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
        var today = 0;
        foreach (var key in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(OutreachJobKeys.CallGroup(time.GetUtcNow())), ct))
        {
            var detail = await scheduler.GetJobDetail(key, ct);
            if (detail is not null && !PlaceCallJob.MayRetryToday(detail)) today++;
        }
        return new OutreachState(o.Enabled, paused, o.PassInterval, paused ? null : trigger?.NextFireTimeUtc, lastPass, today, o.Throttle.DailyCap,
            o.Scheduler.IsPostgres ? "postgres" : "sqlite", o.Scheduler.IsPostgres);
    }
}
