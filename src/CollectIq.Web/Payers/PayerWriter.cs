using CollectIq.Data;
using CollectIq.Domain.Audit;
using CollectIq.Domain.Payers;
using Microsoft.EntityFrameworkCore;

namespace CollectIq.Web.Payers;

/// <summary>Saves validated payers (one, or many in one transaction for the import).</summary>
public sealed class PayerWriter(IDbContextFactory<CollectIqDbContext> contexts, TimeProvider time)
{
    public async Task<int> AddAsync(Payer payer, string actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        payer.CreatedAt = now;
        db.Payers.Add(payer);
        await db.SaveChangesAsync(ct);
        db.AuditEntries.Add(new AuditEntry { At = now, PayerId = payer.Id, Action = "payer-created", Actor = actor, Reason = $"{payer.Invoices.Count} invoice(s)" });
        await db.SaveChangesAsync(ct);
        return payer.Id;
    }
}
