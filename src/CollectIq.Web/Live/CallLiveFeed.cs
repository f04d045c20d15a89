using System.Collections.Immutable;

namespace CollectIq.Web.Live;

/// <summary>Copy-on-write subscriber list: publishing never locks and one bad subscriber never stops the others.</summary>
public sealed partial class CallLiveFeed(ILogger<CallLiveFeed> logger) : ICallLiveFeed
{
    private ImmutableList<Subscription> _subscriptions = [];

    public IDisposable Subscribe(int? callId, Action<CallLiveUpdate> onUpdate)
    {
        var subscription = new Subscription(this, callId, onUpdate);
        ImmutableInterlocked.Update(ref _subscriptions, list => list.Add(subscription));
        return subscription;
    }

    public void Publish(CallLiveUpdate update)
    {
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            if (subscription.CallId is { } id && id != update.CallId) continue;
            try { subscription.OnUpdate(update); }
            catch (Exception ex) { LogSubscriberFailed(logger, update.CallId, ex); }
        }
    }

    private void Remove(Subscription subscription) => ImmutableInterlocked.Update(ref _subscriptions, list => list.Remove(subscription));

    private sealed class Subscription(CallLiveFeed feed, int? callId, Action<CallLiveUpdate> onUpdate) : IDisposable
    {
        public int? CallId { get; } = callId;
        public Action<CallLiveUpdate> OnUpdate { get; } = onUpdate;
        public void Dispose() => feed.Remove(this);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live-feed subscriber failed on call {CallId}")]
    private static partial void LogSubscriberFailed(ILogger logger, int callId, Exception exception);
}
