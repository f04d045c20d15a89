namespace CollectIq.Outreach.Scheduling;

/// <summary>
/// A pass every five minutes would write the same "skipped: outside the calling window" for every payer 288 times
/// a day. We audit a skip when its rule changes for that payer, and at most once per payer, rule and UTC day.
/// </summary>
public sealed class SkipAuditFilter
{
    private readonly Dictionary<int, (string Rule, DateOnly Day)> _last = [];
    private readonly Lock _lock = new();

    public bool ShouldAudit(int payerId, string rule, DateTimeOffset now)
    {
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        lock (_lock)
        {
            if (_last.TryGetValue(payerId, out var last) && last.Rule == rule && last.Day == day) return false;
            _last[payerId] = (rule, day);
            return true;
        }
    }

    /// <summary>Forget a payer (after a call), so the next skip is audited again.</summary>
    public void Forget(int payerId) { lock (_lock) _last.Remove(payerId); }
}
