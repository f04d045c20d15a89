namespace CollectIq.Simulator.Api;

/// <summary>
/// Makes the next N Calls API requests fail the way Twilio does under load (429) or in an outage
/// (5xx), so tests can prove the client retries. Thread-safe; each failing request consumes one.
/// </summary>
public sealed class FaultInjector
{
    private readonly object gate = new();
    private int remaining;
    private int statusCode;

    /// <summary>The next <paramref name="count"/> requests answer <paramref name="status"/> (429, 500, 502, 503…).</summary>
    public void FailNext(int count, int status = 503)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (status is < 400 or > 599) throw new ArgumentOutOfRangeException(nameof(status), "Use an HTTP error status.");
        lock (gate)
        {
            remaining = count;
            statusCode = status;
        }
    }

    public void Reset() => FailNext(0);

    /// <summary>How many requests were failed on purpose so far.</summary>
    public int Injected { get { lock (gate) return injected; } }
    private int injected;

    internal bool TryTake(out int status)
    {
        lock (gate)
        {
            status = statusCode;
            if (remaining == 0) return false;
            remaining--;
            injected++;
            return true;
        }
    }
}
