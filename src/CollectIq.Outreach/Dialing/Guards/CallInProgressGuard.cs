namespace CollectIq.Outreach.Dialing.Guards;

/// <summary>One call at a time per payer.</summary>
public sealed class CallInProgressGuard : IOutreachGuard
{
    public ValueTask<OutreachRefusal?> CheckAsync(OutreachContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(context.ActiveCall is { } call
            ? new OutreachRefusal("call-in-progress", $"Call {call.Id} to this payer is still {call.Status}.")
            : null);
}
