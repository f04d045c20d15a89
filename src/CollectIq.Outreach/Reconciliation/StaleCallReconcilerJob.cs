using Quartz;

namespace CollectIq.Outreach.Reconciliation;

/// <summary>Runs <see cref="StaleCallReconciler"/> every Outreach:Reconciler:Interval, once at a time across the cluster.</summary>
[DisallowConcurrentExecution]
public sealed class StaleCallReconcilerJob(StaleCallReconciler reconciler) : IJob
{
    public static readonly JobKey Key = new("stale-call-reconciler", Scheduling.OutreachJobKeys.Group);
    public static readonly TriggerKey Trigger = new("stale-call-reconciler", Scheduling.OutreachJobKeys.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await reconciler.RunAsync(cancellationToken);
}
