using CollectIq.Data;
using CollectIq.Domain.Calls;
using CollectIq.Outreach.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace CollectIq.Outreach.Dialing;

/// <summary>The scheduler's dialer: the same <see cref="OutreachService"/> path as the operator's "Send Outreach".</summary>
public sealed class OutreachServiceDialer(OutreachService outreach, IDbContextFactory<CollectIqDbContext> contexts) : IOutreachDialer
{
    private static readonly string[] FinalStatuses = CallStatuses.All.Where(CallStatuses.IsTerminal).ToArray();

    public async Task<OutreachDialResult> DialAsync(OutreachDialRequest request, CancellationToken cancellationToken = default) =>
        await outreach.PlaceCallAsync(request.PayerId, request.RequestedBy, cancellationToken) switch
        {
            OutreachResult.Placed placed => OutreachDialResult.Ok(placed.CallId),
            OutreachResult.Refused refused => OutreachDialResult.Refused($"{refused.Refusal.Code}: {refused.Refusal.Reason}"),
            OutreachResult.PayerNotFound => OutreachDialResult.Refused("The payer no longer exists."),
            OutreachResult.TelephonyFailed failed => new OutreachDialResult(false, failed.CallId, $"Telephony failed: {failed.Message}"),
            var other => OutreachDialResult.Refused($"Unexpected outreach result {other.GetType().Name}."),
        };

    public async Task<int> CountActiveCallsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Calls.CountAsync(c => !FinalStatuses.Contains(c.Status), cancellationToken);
    }
}
