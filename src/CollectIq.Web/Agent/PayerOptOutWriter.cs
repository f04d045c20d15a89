using CollectIq.Agent.Conversation;
using CollectIq.Data;
using CollectIq.Domain.Audit;
using Microsoft.EntityFrameworkCore;

namespace CollectIq.Web.Agent;

/// <summary>
/// Honours an opt-out said on a call at once: sets <c>Payer.OptedOutAt</c> (the scheduler never dials
/// an opted-out payer) and writes an audit row, in one transaction. A second opt-out keeps the first time.
/// </summary>
public sealed class PayerOptOutWriter(IDbContextFactory<CollectIqDbContext> contexts) : IPayerOptOut
{
    public async Task OptOutAsync(int payerId, int callId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var payer = await db.Payers.FirstOrDefaultAsync(p => p.Id == payerId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Payer {payerId} does not exist.");
        payer.OptedOutAt ??= at;
        db.AuditEntries.Add(new AuditEntry
        {
            At = at,
            PayerId = payerId,
            CallId = callId,
            Action = "opt-out",
            Reason = "The payer asked on the call to stop calling.",
            Actor = "payer",
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
