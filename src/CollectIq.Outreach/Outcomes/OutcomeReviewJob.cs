using Quartz;

namespace CollectIq.Outreach.Outcomes;

/// <summary>Runs <see cref="OutcomeReview"/> every Outreach:Outcomes:ReviewInterval, once at a time across the cluster.</summary>
[DisallowConcurrentExecution]
public sealed class OutcomeReviewJob(OutcomeReview review) : IJob
{
    public static readonly JobKey Key = new("outcome-review", Scheduling.OutreachJobKeys.Group);
    public static readonly TriggerKey Trigger = new("outcome-review", Scheduling.OutreachJobKeys.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await review.RunAsync(cancellationToken);
}
