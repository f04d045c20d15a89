using System.Collections.Concurrent;

namespace CollectIq.Simulator.Calls;

/// <summary>The calls placed on one stand-in, by CallSid. <see cref="CallCreated"/> fires for each new call.</summary>
public sealed class SimulatedCallStore
{
    private readonly ConcurrentDictionary<string, SimulatedCall> calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<SimulatedCall>> waiters = new(StringComparer.Ordinal);

    public event Action<SimulatedCall>? CallCreated;

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
        calls[call.Sid] = call;
        if (waiters.TryRemove(call.Sid, out var waiter)) waiter.TrySetResult(call);
        CallCreated?.Invoke(call);
    }
}
