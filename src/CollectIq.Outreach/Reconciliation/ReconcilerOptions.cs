namespace CollectIq.Outreach.Reconciliation;

/// <summary>The stale-call reconciler (section <c>Outreach:Reconciler</c>).</summary>
public sealed class ReconcilerOptions
{
    public bool Enabled { get; set; } = true;
    /// <summary>A call still queued/ringing/in progress with no status change for this long is checked with Twilio. Default 10 minutes.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>How often the reconciler runs. Default 1 minute.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>Calls checked per run, oldest first (the rest wait for the next run). Default 200.</summary>
    public int BatchSize { get; set; } = 200;

    public IEnumerable<string> Validate()
    {
        if (StaleAfter < TimeSpan.FromMinutes(1) || StaleAfter > TimeSpan.FromDays(1))
            yield return $"Outreach:Reconciler:StaleAfter must be between 00:01:00 and 1.00:00:00, got {StaleAfter}.";
        if (Interval < TimeSpan.FromSeconds(1) || Interval > TimeSpan.FromHours(1))
            yield return $"Outreach:Reconciler:Interval must be between 00:00:01 and 01:00:00, got {Interval}.";
        if (BatchSize is < 1 or > 10_000) yield return $"Outreach:Reconciler:BatchSize must be 1..10000, got {BatchSize}.";
    }
}
