using CollectIq.Agent.Conversation;
using CollectIq.Data;
using CollectIq.Domain.Audit;
using CollectIq.Domain.Calls;
using CollectIq.Outreach.Outcomes;
using Microsoft.EntityFrameworkCore;

namespace CollectIq.Web.Agent;

/// <summary>
/// Honours an opt-out said on a call at once: sets <c>Payer.OptedOutAt</c> (the scheduler never dials
/// an opted-out payer) and writes an audit row, in one transaction. A second opt-out keeps the first time.
/// A softphone test call (<see cref="Call.IsTestCall"/>) is an operator playing the payer: nothing changes on
/// the payer, only the audit row "test call: effects skipped".
/// </summary>
public sealed partial class PayerOptOutWriter(IDbContextFactory<CollectIqDbContext> contexts, ILogger<PayerOptOutWriter> logger) : IPayerOptOut
{
    public async Task OptOutAsync(int payerId, int callId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var payer = await db.Payers.FirstOrDefaultAsync(p => p.Id == payerId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Payer {payerId} does not exist.");
        var requestedBy = await db.Calls.AsNoTracking().Where(c => c.Id == callId).Select(c => c.RequestedBy).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (Call.IsTestCallRequester(requestedBy))
        {
            db.AuditEntries.Add(new AuditEntry
            {
                At = at, PayerId = payerId, CallId = callId, Action = OutcomeAuditActions.TestCallEffectsSkipped, Actor = "payer",
                Reason = "test call: effects skipped (the role-played payer asked to stop calling; the real payer is not opted out).",
            });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            LogTestCallOptOutSkipped(logger, callId);
            return;
        }
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: test call: effects skipped (opt-out not written to the payer)")]
    private static partial void LogTestCallOptOutSkipped(ILogger logger, int callId);
}
