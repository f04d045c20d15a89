using System.Collections.Concurrent;

namespace CollectIq.Telephony.MediaStreams;

/// <summary>
/// The live sessions of this instance, by CallSid: lets a status callback that ends a call end its
/// stream (<see cref="TryEnd"/>), and tells how many streams are open.
/// </summary>
public sealed class MediaStreamSessionRegistry
{
    private readonly ConcurrentDictionary<string, MediaStreamSession> _byCallSid = new(StringComparer.Ordinal);
    private int _open;

    /// <summary>Sockets accepted and not yet finished (started or not).</summary>
    public int OpenCount => Volatile.Read(ref _open);

    /// <summary>Streams whose start was accepted and that have not ended.</summary>
    public int StartedCount => _byCallSid.Count;

    public IReadOnlyCollection<string> CallSids => _byCallSid.Keys.ToList();

    /// <summary>Ends the stream of a call (e.g. Twilio's status callback said the call completed). False when none is open here.</summary>
    public bool TryEnd(string callSid, StreamEndReason reason, string description)
    {
        if (!_byCallSid.TryGetValue(callSid, out var session)) return false;
        session.End(reason, description);
        return true;
    }

    internal void Opened() => Interlocked.Increment(ref _open);
    internal void Closed() => Interlocked.Decrement(ref _open);

    /// <summary>False when another live session already has this CallSid (Twilio allows one bidirectional stream per call).</summary>
    internal bool TryAdd(string callSid, MediaStreamSession session) => _byCallSid.TryAdd(callSid, session);

    internal void Remove(string callSid, MediaStreamSession session) =>
        _byCallSid.TryRemove(new KeyValuePair<string, MediaStreamSession>(callSid, session));
}
