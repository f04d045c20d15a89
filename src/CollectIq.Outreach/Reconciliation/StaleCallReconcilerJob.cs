using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace CollectIq.Outreach.Reconciliation;

/// <summary>Runs <see cref="StaleCallReconciler"/> every Outreach:Reconciler:Interval, once at a time across the cluster.</summary>
[DisallowConcurrentExecution]
public sealed class StaleCallReconcilerJob(IServiceProvider services) : IJob
{
    public static readonly JobKey Key = new("stale-call-reconciler", Scheduling.OutreachJobKeys.Group);
    public static readonly TriggerKey Trigger = new("stale-call-reconciler", Scheduling.OutreachJobKeys.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        // A host without the application database (an outreach test with in-memory seams) has nothing to look at.
        if (services.GetService<Microsoft.EntityFrameworkCore.IDbContextFactory<CollectIq.Data.CollectIqDbContext>>() is null) return;
        await services.GetRequiredService<StaleCallReconciler>().RunAsync(cancellationToken);
    }
}
