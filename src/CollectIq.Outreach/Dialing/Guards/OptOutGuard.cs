namespace CollectIq.Outreach.Dialing.Guards;

/// <summary>A payer who asked us to stop calling is not called until an operator clears it.</summary>
public sealed class OptOutGuard : IOutreachGuard
{
    public ValueTask<OutreachRefusal?> CheckAsync(OutreachContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(context.Standing.Payer.OptedOutAt is { } at
            ? new OutreachRefusal("opted-out", $"The payer opted out of calls on {at:yyyy-MM-dd}.")
            : null);
}
