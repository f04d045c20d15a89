using CollectIq.Domain.Dunning;

namespace CollectIq.Outreach.Dialing.Guards;

/// <summary>Only STAGE_3 payers get a collections call.</summary>
public sealed class Stage3Guard : IOutreachGuard
{
    public ValueTask<OutreachRefusal?> CheckAsync(OutreachContext context, CancellationToken cancellationToken)
    {
        var stage = context.Standing.Dunning.Stage;
        if (stage == DunningStage.Stage3) return ValueTask.FromResult<OutreachRefusal?>(null);
        var reason = stage is null
            ? "The payer has nothing past due; only STAGE_3 payers are called."
            : $"The payer is in {stage.Value.ToWire()} ({context.Standing.Dunning.DaysPastDue} days past due); only STAGE_3 payers are called.";
        return ValueTask.FromResult<OutreachRefusal?>(new OutreachRefusal("not-stage-3", reason));
    }
}
