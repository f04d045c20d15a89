using CollectIq.Domain.Outcomes;
using CollectIq.Outreach.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace CollectIq.Outreach.Outcomes;

/// <summary>
/// Callbacks on the Quartz job store (the same persistent, clustered store as the outreach pass): job
/// <c>callback-{id}</c> in group <c>outreach-callbacks</c>, so a second schedule of the same callback is a no-op and a
/// dying node's callback runs on another.
/// </summary>
public sealed class QuartzCallbackScheduler(ISchedulerFactory schedulers, [FromKeyedServices(OutreachClock.Key)] TimeProvider time) : ICallbackScheduler
{
    public const string Group = "outreach-callbacks";

    public static JobKey KeyFor(int callbackId) => new($"callback-{callbackId}", Group);

    public async Task ScheduleAsync(CallbackRequest callback, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var key = KeyFor(callback.Id);
        if (await scheduler.GetJobDetail(key, cancellationToken) is not null) return;
        var job = JobBuilder.Create<CallbackCallJob>()
            .WithIdentity(key)
            .RequestRecovery()
            .UsingJobData(CallbackCallJob.CallbackIdKey, callback.Id)
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(key.Name, key.Group)
            .ForJob(key)
            // Triggers fire on Quartz's (wall) clock, decisions use the app clock: keep the distance, not the instant
            // (the same thing in production; a test's fake clock may be months away from the wall clock).
            // An overdue callback (rescheduled by the review after an outage) starts now rather than waiting for misfire handling.
            .StartAt(DateTimeOffset.UtcNow + Max(callback.ScheduledFor - time.GetUtcNow(), TimeSpan.Zero))
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        try
        {
            await scheduler.ScheduleJob(job, [trigger], new ScheduleJobOptions(), cancellationToken);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Another node (or a repeated outcome) scheduled it first: exactly one job either way.
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    public async Task CancelAsync(int callbackId, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.DeleteJob(KeyFor(callbackId), cancellationToken);
    }

    public async Task<bool> IsScheduledAsync(int callbackId, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        return await scheduler.GetJobDetail(KeyFor(callbackId), cancellationToken) is not null;
    }
}
