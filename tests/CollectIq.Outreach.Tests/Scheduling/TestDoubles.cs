using System.Collections.Concurrent;
using CollectIq.Domain.Calls;
using CollectIq.Outreach.Compliance;
using CollectIq.Outreach.Scheduling;

namespace CollectIq.Outreach.Tests.Scheduling;

/// <summary>An in-memory book: candidates are rebuilt from payers + recorded calls, as the database source would.</summary>
internal sealed class InMemoryCandidateSource : IOutreachCandidateSource
{
    private readonly ConcurrentDictionary<int, DialingCandidate> _candidates = new();

    public void Add(DialingCandidate candidate) => _candidates[candidate.PayerId] = candidate;

    public void Update(int payerId, Func<DialingCandidate, DialingCandidate> change) =>
        _candidates.AddOrUpdate(payerId, _ => throw new InvalidOperationException(), (_, c) => change(c));

    public Task<IReadOnlyList<DialingCandidate>> GetCandidatesAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<DialingCandidate>>(_candidates.Values.OrderBy(c => c.PayerId).ToList());

    /// <summary>Changes what the dial-time fetch sees (the state moved on since the pass planned the call).</summary>
    public Func<DialingCandidate, DialingCandidate>? OnFetchOne { get; set; }

    public Task<DialingCandidate?> GetCandidateAsync(int payerId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Task.FromResult(_candidates.TryGetValue(payerId, out var c) ? (OnFetchOne?.Invoke(c) ?? c) : null);
}

/// <summary>
/// Records dials; each placed call stays "active" until <see cref="CompleteAll"/>, and is written back to the
/// source as an attempt in progress. <see cref="OnDial"/> lets a test fail or refuse a dial.
/// </summary>
internal sealed class RecordingDialer(InMemoryCandidateSource source, TimeProvider time) : IOutreachDialer
{
    private int _nextCallId;
    private readonly ConcurrentDictionary<int, int> _active = new(); // callId → payerId
    public ConcurrentQueue<OutreachDialRequest> Dials { get; } = new();
    public Func<OutreachDialRequest, OutreachDialResult?>? OnDial { get; set; }
    public int MaxActiveSeen;

    public Task<OutreachDialResult> DialAsync(OutreachDialRequest request, CancellationToken cancellationToken = default)
    {
        if (OnDial?.Invoke(request) is { } overridden) return Task.FromResult(overridden);
        Dials.Enqueue(request);
        var callId = Interlocked.Increment(ref _nextCallId);
        _active[callId] = request.PayerId;
        MaxActiveSeen = Math.Max(MaxActiveSeen, _active.Count);
        var at = time.GetUtcNow();
        source.Update(request.PayerId, c => c with { CallInProgress = true, RecentAttempts = [.. c.RecentAttempts, new CallAttempt(at, CallStatuses.Queued)] });
        return Task.FromResult(OutreachDialResult.Ok(callId));
    }

    public Task<int> CountActiveCallsAsync(CancellationToken cancellationToken = default) => Task.FromResult(_active.Count);

    /// <summary>Every live call ends unanswered.</summary>
    public void CompleteAll()
    {
        foreach (var (callId, payerId) in _active.ToArray())
        {
            source.Update(payerId, c => c with
            {
                CallInProgress = false,
                RecentAttempts = c.RecentAttempts.Select(a => a.Status == CallStatuses.Queued ? a with { Status = CallStatuses.NoAnswer } : a).ToList(),
            });
            _active.TryRemove(callId, out _);
        }
    }

    public IReadOnlyList<int> DialedPayers => Dials.Select(d => d.PayerId).ToList();
}
