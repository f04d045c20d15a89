using CollectIq.Domain.Dunning;
using CollectIq.Domain.Payers;
using Microsoft.EntityFrameworkCore;

namespace CollectIq.Data.Payers;

/// <summary>
/// Reads payers with their dunning standing. The stage depends on the payer's local date, which SQL
/// cannot know, so the database narrows by due date with a one-day margin either side (no zone is
/// more than 14 hours from UTC) and <see cref="DunningCalculator"/> decides exactly.
/// </summary>
public sealed class PayerBook(IDbContextFactory<CollectIqDbContext> contexts, DunningCalculator dunning, TimeProvider time)
{
    public async Task<IReadOnlyList<PayerStanding>> ListAsync(DunningStage? stage = null, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        IQueryable<Payer> query = db.Payers.AsNoTracking().Include(p => p.Invoices);
        if (stage is { } wanted)
        {
            var (latestOldestDue, earliestOldestDue) = DueDateWindow(wanted, now);
            query = query.Where(p => p.Invoices.Any(i => i.OpenAmount > 0 && i.DueDate <= latestOldestDue));
            if (earliestOldestDue is { } earliest)
                query = query.Where(p => !p.Invoices.Any(i => i.OpenAmount > 0 && i.DueDate < earliest));
        }
        var payers = await query.AsSplitQuery().ToListAsync(ct);
        var lastOutreach = await LastOutreachAsync(db, payers.Select(p => p.Id).ToList(), ct);

        return payers
            .Select(p => new PayerStanding(p, dunning.Compute(p, now), lastOutreach.GetValueOrDefault(p.Id)))
            .Where(s => stage is null || s.Dunning.Stage == stage)
            .OrderByDescending(s => s.Dunning.DaysPastDue).ThenBy(s => s.Payer.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    public async Task<PayerStanding?> FindAsync(int payerId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var payer = await db.Payers.AsNoTracking().Include(p => p.Invoices).FirstOrDefaultAsync(p => p.Id == payerId, ct);
        if (payer is null) return null;
        payer.Invoices = payer.Invoices.OrderBy(i => i.DueDate).ThenBy(i => i.Number, StringComparer.Ordinal).ToList();
        var lastOutreach = await LastOutreachAsync(db, [payerId], ct);
        return new PayerStanding(payer, dunning.Compute(payer, time.GetUtcNow()), lastOutreach.GetValueOrDefault(payerId));
    }

    /// <summary>
    /// Due dates an oldest open invoice may have for <paramref name="stage"/>, widened by a day each way:
    /// at most <c>latest</c>, and (below STAGE_3) not before <c>earliest</c>.
    /// </summary>
    private (DateOnly Latest, DateOnly? Earliest) DueDateWindow(DunningStage stage, DateTimeOffset now)
    {
        var utcToday = DateOnly.FromDateTime(now.UtcDateTime);
        var options = dunning.Options;
        var (from, nextFrom) = stage switch
        {
            DunningStage.Stage1 => (options.Stage1FromDays, (int?)options.Stage2FromDays),
            DunningStage.Stage2 => (options.Stage2FromDays, options.Stage3FromDays),
            _ => (options.Stage3FromDays, (int?)null),
        };
        var latest = utcToday.AddDays(1 - from);
        DateOnly? earliest = nextFrom is { } next ? utcToday.AddDays(-1 - next + 1) : null;
        return (latest, earliest);
    }

    private static async Task<Dictionary<int, DateTimeOffset?>> LastOutreachAsync(CollectIqDbContext db, List<int> payerIds, CancellationToken ct)
    {
        if (payerIds.Count == 0) return [];
        var rows = await db.Calls.AsNoTracking()
            .Where(c => payerIds.Contains(c.PayerId))
            .GroupBy(c => c.PayerId)
            .Select(g => new { PayerId = g.Key, Last = g.Max(c => c.CreatedAt) })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.PayerId, r => (DateTimeOffset?)r.Last);
    }
}
