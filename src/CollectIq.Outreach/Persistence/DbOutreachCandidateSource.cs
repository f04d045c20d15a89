using CollectIq.Data;
using CollectIq.Domain.Calls;
using CollectIq.Domain.Dunning;
using CollectIq.Domain.Payers;
using CollectIq.Domain.Promises;
using CollectIq.Outreach.Compliance;
using CollectIq.Outreach.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CollectIq.Outreach.Persistence;

/// <summary>
/// Candidates from CollectIqDbContext in five set-based queries per pass (payers with open invoices, recent calls,
/// live calls, promises, latest outcomes), never one query per payer.
/// An open dispute is a payer whose latest call outcome is <c>dispute</c> (cleared by a later outcome).
/// </summary>
public sealed class DbOutreachCandidateSource(IDbContextFactory<CollectIqDbContext> contexts, DunningCalculator dunning, IOptions<OutreachOptions> options) : IOutreachCandidateSource
{
    private static readonly string[] FinalStatuses = CallStatuses.All.Where(CallStatuses.IsTerminal).ToArray();

    public async Task<IReadOnlyList<DialingCandidate>> GetCandidatesAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var payers = await db.Payers.AsNoTracking().Include(p => p.Invoices)
            .Where(p => p.Invoices.Any(i => i.OpenAmount > 0))
            .AsSplitQuery().ToListAsync(cancellationToken);
        return await BuildAsync(db, payers, now, cancellationToken);
    }

    public async Task<DialingCandidate?> GetCandidateAsync(int payerId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var payer = await db.Payers.AsNoTracking().Include(p => p.Invoices).FirstOrDefaultAsync(p => p.Id == payerId, cancellationToken);
        if (payer is null) return null;
        return (await BuildAsync(db, [payer], now, cancellationToken))[0];
    }

    private async Task<IReadOnlyList<DialingCandidate>> BuildAsync(CollectIqDbContext db, List<Payer> payers, DateTimeOffset now, CancellationToken ct)
    {
        if (payers.Count == 0) return [];
        var single = payers.Count == 1 ? payers[0].Id : (int?)null;
        // Enough history for the 7-day rules (counted in payer days: one extra day) and the retry cycle.
        var since = now.AddDays(-(Math.Max(options.Value.Frequency.PeriodDays, Math.Max(options.Value.Frequency.QuietDaysAfterConversation, options.Value.Retry.CycleDays)) + 2));

        var recent = await ForPayers(db.Calls.AsNoTracking(), single)
            .Where(c => c.CreatedAt >= since)
            .Select(c => new Call { PayerId = c.PayerId, CreatedAt = c.CreatedAt, Status = c.Status, Outcome = c.Outcome, AnsweredBy = c.AnsweredBy, AnsweredAt = c.AnsweredAt })
            .ToListAsync(ct);
        var attempts = recent.GroupBy(c => c.PayerId).ToDictionary(g => g.Key, g => (IReadOnlyList<CallAttempt>)g.Select(CallAttempt.FromCall).ToList());

        var live = (await ForPayers(db.Calls.AsNoTracking(), single).Where(c => !FinalStatuses.Contains(c.Status)).Select(c => c.PayerId).Distinct().ToListAsync(ct)).ToHashSet();

        var promiseQuery = db.PaymentPromises.AsNoTracking().Where(p => p.State == PromiseState.Pending || p.State == PromiseState.Broken);
        if (single is { } id) promiseQuery = promiseQuery.Where(p => p.PayerId == id);
        var promises = (await promiseQuery.ToListAsync(ct)).GroupBy(p => p.PayerId).ToDictionary(g => g.Key, g => (IReadOnlyList<PaymentPromise>)g.ToList());

        var latestOutcomeIds = await ForPayers(db.Calls.AsNoTracking(), single).Where(c => c.Outcome != null)
            .GroupBy(c => c.PayerId).Select(g => g.Max(c => c.Id)).ToListAsync(ct);
        var disputed = (await db.Calls.AsNoTracking().Where(c => latestOutcomeIds.Contains(c.Id) && c.Outcome == CallOutcome.Dispute)
            .Select(c => c.PayerId).ToListAsync(ct)).ToHashSet();

        var result = new List<DialingCandidate>(payers.Count);
        foreach (var payer in payers)
        {
            result.Add(new DialingCandidate
            {
                Payer = payer,
                Dunning = dunning.Compute(payer, now),
                RecentAttempts = attempts.GetValueOrDefault(payer.Id) ?? [],
                Promises = promises.GetValueOrDefault(payer.Id) ?? [],
                HasOpenDispute = disputed.Contains(payer.Id),
                CallInProgress = live.Contains(payer.Id),
            });
        }
        return result;
    }

    private static IQueryable<Call> ForPayers(IQueryable<Call> calls, int? single) => single is { } id ? calls.Where(c => c.PayerId == id) : calls;
}
