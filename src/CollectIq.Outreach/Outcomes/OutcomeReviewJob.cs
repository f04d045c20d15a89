using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace CollectIq.Outreach.Outcomes;

/// <summary>Runs <see cref="OutcomeReview"/> every Outreach:Outcomes:ReviewInterval, once at a time across the cluster.</summary>
[DisallowConcurrentExecution]
public sealed class OutcomeReviewJob(IServiceProvider services) : IJob
{
    public static readonly JobKey Key = new("outcome-review", Scheduling.OutreachJobKeys.Group);
    public static readonly TriggerKey Trigger = new("outcome-review", Scheduling.OutreachJobKeys.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        // A host without the application database (an outreach test with in-memory seams) has nothing to look at.
        if (services.GetService<Microsoft.EntityFrameworkCore.IDbContextFactory<CollectIq.Data.CollectIqDbContext>>() is null) return;
        await services.GetRequiredService<OutcomeReview>().RunAsync(cancellationToken);
    }
}
