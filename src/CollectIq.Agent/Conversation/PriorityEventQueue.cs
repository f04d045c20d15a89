using System.Collections.Concurrent;

namespace CollectIq.Agent.Conversation;

/// <summary>
/// Two lanes, one reader (Pipecat style): urgent control events (payer started speaking, DTMF,
/// stream stop) are always read before queued data, however much data is waiting. Many writers.
/// </summary>
public sealed class PriorityEventQueue
{
    private readonly ConcurrentQueue<ConversationEvent> _urgent = new();
    private readonly ConcurrentQueue<ConversationEvent> _normal = new();
    private readonly SemaphoreSlim _available = new(0);
    private readonly TimeProvider _time;
    private volatile bool _completed;

    public PriorityEventQueue(TimeProvider time) => _time = time;

    public int Count => _urgent.Count + _normal.Count;

    /// <summary>Stamps the event with the current time and queues it. Ignored after <see cref="Complete"/>.</summary>
    public void Post(ConversationEvent item)
    {
        if (_completed) return;
        item.At = _time.GetUtcNow();
        (item.IsUrgent ? _urgent : _normal).Enqueue(item);
        _available.Release();
    }

    public void Complete()
    {
        _completed = true;
        _available.Release();
    }

    /// <summary>The next event, urgent first; null once completed and empty.</summary>
    public async ValueTask<ConversationEvent?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryRead(out var item)) return item;
            if (_completed) return null;
            await _available.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public bool TryRead(out ConversationEvent item)
    {
        if (_urgent.TryDequeue(out item!) || _normal.TryDequeue(out item!))
        {
            _available.Wait(0); // keep the count in step; a release may already have been consumed by a waiter
            return true;
        }
        return false;
    }
}
