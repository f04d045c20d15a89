using System.Collections.Concurrent;

namespace CollectIq.Simulator.Calls;

/// <summary>
/// The calls placed on one stand-in, by CallSid. <see cref="CallCreated"/> fires for each new call.
/// Keeps at most <see cref="MaxFinishedCalls"/> ended calls (oldest dropped first), so a long-running
/// `./run` does not collect every call's audio forever.
/// </summary>
public sealed class SimulatedCallStore
{
    private readonly ConcurrentDictionary<string, SimulatedCall> calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<SimulatedCall>> waiters = new(StringComparer.Ordinal);

    public event Action<SimulatedCall>? CallCreated;

    public int MaxFinishedCalls { get; set; } = 200;

    public IReadOnlyCollection<SimulatedCall> All => calls.Values.OrderBy(c => c.CreatedAt).ToList();

    public bool TryGet(string callSid, out SimulatedCall call) => calls.TryGetValue(callSid, out call!);

    /// <summary>The call with this sid, waiting for it to be created if it is not there yet.</summary>
    public Task<SimulatedCall> WaitForAsync(string callSid, CancellationToken cancellationToken = default)
    {
        if (calls.TryGetValue(callSid, out var call)) return Task.FromResult(call);
        var waiter = waiters.GetOrAdd(callSid, _ => new TaskCompletionSource<SimulatedCall>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (calls.TryGetValue(callSid, out call)) waiter.TrySetResult(call);
        return waiter.Task.WaitAsync(cancellationToken);
    }

    internal void Add(SimulatedCall call)
    {
        EvictFinished();
        calls[call.Sid] = call;
        if (waiters.TryRemove(call.Sid, out var waiter)) waiter.TrySetResult(call);
        try
        {
            CallCreated?.Invoke(call);
        }
        catch (Exception)
        {
            // A watcher's bug must not fail the API request that placed the call.
        }
    }

    private void EvictFinished()
    {
        var finished = calls.Values.Where(c => c.Completion.IsCompleted).ToList();
        if (finished.Count < MaxFinishedCalls) return;
        foreach (var old in finished.OrderBy(c => c.CreatedAt).Take(finished.Count - MaxFinishedCalls + 1))
            calls.TryRemove(old.Sid, out _);
    }
}
