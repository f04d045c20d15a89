using CollectIq.Data;
using CollectIq.Domain.Audit;
using CollectIq.Outreach.Audit;
using Microsoft.EntityFrameworkCore;

namespace CollectIq.Outreach.Persistence;

/// <summary>The audit log in the application database (the AuditEntries table), shared by every instance.</summary>
public sealed class DbAuditLog(IDbContextFactory<CollectIqDbContext> contexts) : IAuditLog
{
    public async Task WriteAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        if (entries.Count == 0) return;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        foreach (var e in entries) e.Id = 0; // the database numbers them
        db.AuditEntries.AddRange(entries);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(int? payerId, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.AuditEntries.AsNoTracking();
        if (payerId is { } id) query = query.Where(e => e.PayerId == id);
        return await query.OrderByDescending(e => e.Id).Take(limit).ToListAsync(cancellationToken);
    }
}
