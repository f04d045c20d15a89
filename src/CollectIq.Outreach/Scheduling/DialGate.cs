namespace CollectIq.Outreach.Scheduling;

/// <summary>
/// One dial at a time in this process: the concurrency check and the dial happen together, and the gate is
/// held for 1/CallsPerSecond after each dial so the process never starts calls faster than the CPS limit.
/// (The pass job also spaces the calls' start times, which paces the whole cluster.)
/// </summary>
public sealed class DialGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public Task WaitAsync(CancellationToken cancellationToken) => _gate.WaitAsync(cancellationToken);

    public void Release() => _gate.Release();
}
