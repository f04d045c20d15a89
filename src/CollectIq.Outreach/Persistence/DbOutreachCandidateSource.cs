using CollectIq.Data;
using CollectIq.Domain.Calls;
using CollectIq.Domain.Dunning;
using CollectIq.Domain.Outcomes;
using CollectIq.Domain.Payers;
using CollectIq.Domain.Promises;
using CollectIq.Outreach.Compliance;
using CollectIq.Outreach.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CollectIq.Outreach.Persistence;

/// <summary>
/// Candidates from CollectIqDbContext in seven set-based queries per pass (payers with open invoices, recent calls,
/// live calls, promises, open disputes, pending payment claims, scheduled callbacks), never one query per payer.
/// An open dispute is an unresolved <see cref="Dispute"/> row (only an operator resolves it).
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

        var disputeQuery = db.Disputes.AsNoTracking().Where(d => d.ResolvedAt == null);
        if (single is { } disputeFor) disputeQuery = disputeQuery.Where(d => d.PayerId == disputeFor);
        var disputed = (await disputeQuery.Select(d => d.PayerId).Distinct().ToListAsync(ct)).ToHashSet();

        var claimQuery = db.PaymentClaims.AsNoTracking().Where(c => c.State == PaymentClaimState.Pending);
        if (single is { } claimFor) claimQuery = claimQuery.Where(c => c.PayerId == claimFor);
        var claims = (await claimQuery.Select(c => new { c.PayerId, c.HoldUntil }).ToListAsync(ct))
            .GroupBy(c => c.PayerId).ToDictionary(g => g.Key, g => g.Max(c => c.HoldUntil));

        var callbackQuery = db.CallbackRequests.AsNoTracking().Where(c => c.State == CallbackState.Scheduled);
        if (single is { } callbackFor) callbackQuery = callbackQuery.Where(c => c.PayerId == callbackFor);
        var callbacks = (await callbackQuery.Select(c => new { c.PayerId, c.ScheduledFor }).ToListAsync(ct))
            .GroupBy(c => c.PayerId).ToDictionary(g => g.Key, g => g.Min(c => c.ScheduledFor));

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
                PaymentClaimHoldUntil = claims.TryGetValue(payer.Id, out var hold) ? hold : null,
                ScheduledCallbackAt = callbacks.TryGetValue(payer.Id, out var callback) ? callback : null,
                CallInProgress = live.Contains(payer.Id),
            });
        }
        return result;
    }

    private static IQueryable<Call> ForPayers(IQueryable<Call> calls, int? single) => single is { } id ? calls.Where(c => c.PayerId == id) : calls;
}
