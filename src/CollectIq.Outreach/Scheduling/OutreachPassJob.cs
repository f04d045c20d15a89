using Microsoft.Extensions.DependencyInjection;
using CollectIq.Domain.Audit;
using CollectIq.Outreach.Audit;
using CollectIq.Outreach.Planning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;


namespace CollectIq.Outreach.Scheduling;

/// <summary>
/// The recurring pass: loads candidates, plans, and schedules one <see cref="PlaceCallJob"/> per payer to call,
/// spaced by the calls-per-second limit and within the daily cap. Never runs twice at once, in this process
/// or anywhere in the cluster ([DisallowConcurrentExecution] is enforced by the clustered job store).
/// </summary>
[DisallowConcurrentExecution]
[PersistJobDataAfterExecution]
public sealed partial class OutreachPassJob(
    IOutreachCandidateSource source,
    OutreachPlanner planner,
    IAuditLog audit,
    SkipAuditFilter skipFilter,
    IOptions<OutreachOptions> options,
    [FromKeyedServices(OutreachClock.Key)] TimeProvider time,
    ILogger<OutreachPassJob> logger) : IJob
{
    /// <summary>Job data: the Quartz-clock instant (ms) of the last call slot handed out, so passes keep the CPS spacing.</summary>
    public const string LastSlotKey = "lastSlotMs";
    public const string LastPassKey = "lastPassMs";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.Enabled) return;
        var ct = cancellationToken;
        var scheduler = context.Scheduler;
        var now = time.GetUtcNow();

        var group = OutreachJobKeys.CallGroup(now);
        var today = await CountCallsTodayAsync(scheduler, group, ct);
        var candidates = await source.GetCandidatesAsync(now, ct);
        var plan = planner.Plan(candidates, now, maxCalls: o.Throttle.DailyCap - today);

        // Slots on Quartz's clock (not the TimeProvider's: the triggers fire on Quartz's), one every 1/CPS seconds.
        var spacing = TimeSpan.FromSeconds(1 / o.Throttle.CallsPerSecond);
        var quartzNow = DateTimeOffset.UtcNow;
        var lastSlot = context.JobDetail.JobDataMap.TryGetLong(LastSlotKey, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : DateTimeOffset.MinValue;
        var slot = lastSlot + spacing > quartzNow ? lastSlot + spacing : quartzNow;

        var entries = new List<AuditEntry>();
        var scheduled = 0;
        foreach (var call in plan.Call)
        {
            var key = OutreachJobKeys.Call(call.PayerId, call.Attempt, now);
            var existing = await scheduler.GetJobDetail(key, ct);
            if (existing is not null && !PlaceCallJob.MayRetryToday(existing)) continue; // already scheduled or called: exactly once

            var job = JobBuilder.Create<PlaceCallJob>()
                .WithIdentity(key)
                .StoreDurably()          // kept for the day: the key is the "already dialed" record and the cap counter
                .RequestRecovery()       // a node dying mid-job hands it to another node
                .UsingJobData(PlaceCallJob.PayerIdKey, call.PayerId)
                .UsingJobData(PlaceCallJob.WhyKey, call.Why)
                .UsingJobData(PlaceCallJob.StateKey, PlaceCallJob.StatePending)
                .Build();
            var trigger = TriggerBuilder.Create()
                .WithIdentity(key.Name, key.Group)
                .ForJob(key)
                .StartAt(slot)
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                .Build();
            try
            {
                await scheduler.ScheduleJob(job, [trigger], new ScheduleJobOptions { Replace = existing is not null }, ct);
            }
            catch (ObjectAlreadyExistsException)
            {
                continue; // another pass got there first
            }
            slot += spacing;
            scheduled++;
            skipFilter.Forget(call.PayerId);
            entries.Add(new AuditEntry { At = now, PayerId = call.PayerId, Action = AuditActions.Scheduled, Actor = "scheduler", Reason = $"Call {call.Attempt} planned: {call.Why}." });
        }

        foreach (var skip in plan.Skipped)
        {
            if (!skipFilter.ShouldAudit(skip.PayerId, skip.Rule, now)) continue;
            entries.Add(new AuditEntry { At = now, PayerId = skip.PayerId, Action = AuditActions.Skipped, Actor = "scheduler", Reason = $"{skip.Rule}: {skip.Reason}" });
        }
        if (entries.Count > 0) await audit.WriteAsync(entries, ct);

        if (scheduled > 0) context.JobDetail.JobDataMap[LastSlotKey] = (slot - spacing).ToUnixTimeMilliseconds();
        context.JobDetail.JobDataMap[LastPassKey] = now.ToUnixTimeMilliseconds();
        await DeleteOldCallGroupsAsync(scheduler, now, ct);
        LogPass(logger, candidates.Count, scheduled, plan.Skipped.Count);
    }

    /// <summary>Calls placed or waiting today (refused ones do not count toward the cap).</summary>
    private static async Task<int> CountCallsTodayAsync(IScheduler scheduler, string group, CancellationToken ct)
    {
        var count = 0;
        foreach (var key in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(group), ct))
        {
            var detail = await scheduler.GetJobDetail(key, ct);
            if (detail is not null && !PlaceCallJob.MayRetryToday(detail)) count++;
        }
        return count;
    }

    /// <summary>Call jobs are kept two days (the key guards the day), then removed.</summary>
    private static async Task DeleteOldCallGroupsAsync(IScheduler scheduler, DateTimeOffset now, CancellationToken ct)
    {
        var keep = new HashSet<string> { OutreachJobKeys.CallGroup(now), OutreachJobKeys.CallGroup(now.AddDays(-1)) };
        foreach (var group in await scheduler.GetJobGroupNames(ct))
        {
            if (!group.StartsWith(OutreachJobKeys.CallGroupPrefix, StringComparison.Ordinal) || keep.Contains(group)) continue;
            var keys = await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(group), ct);
            await scheduler.DeleteJobs(keys.ToList(), ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outreach pass: {Candidates} candidates, {Scheduled} calls scheduled, {Skipped} skipped.")]
    private static partial void LogPass(ILogger logger, int candidates, int scheduled, int skipped);
}
