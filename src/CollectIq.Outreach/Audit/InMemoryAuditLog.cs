using CollectIq.Domain.Audit;

namespace CollectIq.Outreach.Audit;

/// <summary>A bounded in-process audit log (newest 100,000 entries). Lost on restart: bind the database one in production.</summary>
public sealed class InMemoryAuditLog(int capacity = 100_000) : IAuditLog
{
    private readonly LinkedList<AuditEntry> _entries = new();
    private readonly Lock _lock = new();
    private long _nextId;

    public Task WriteAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            foreach (var e in entries)
            {
                e.Id = ++_nextId;
                _entries.AddFirst(e);
                if (_entries.Count > capacity) _entries.RemoveLast();
            }
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> ReadAsync(int? payerId, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<AuditEntry> result = _entries.Where(e => payerId is null || e.PayerId == payerId).Take(limit).ToList();
            return Task.FromResult(result);
        }
    }
}
