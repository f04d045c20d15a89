namespace CollectIq.Simulator.MediaStreams;

/// <summary>
/// Everything the agent sent on a call's media streams, for assertions: each outbound media message
/// as received (with its arrival time) and each 20 ms frame as played out (with its stream time).
/// Thread-safe; snapshots are copies.
/// </summary>
public sealed class AgentAudioLog
{
    private readonly object gate = new();
    private readonly List<ReceivedAgentMedia> received = [];
    private readonly List<PlayedAgentFrame> played = [];

    public IReadOnlyList<ReceivedAgentMedia> Received { get { lock (gate) return received.ToList(); } }

    /// <summary>Frames that carried agent audio when played (silence between utterances is not logged).</summary>
    public IReadOnlyList<PlayedAgentFrame> Played { get { lock (gate) return played.ToList(); } }

    public int ReceivedBytes { get { lock (gate) return received.Sum(r => r.Mulaw.Length); } }

    /// <summary>All agent audio as received, in order: what the agent "said".</summary>
    public byte[] ReceivedAudio()
    {
        lock (gate) return received.SelectMany(r => r.Mulaw).ToArray();
    }

    /// <summary>All agent audio actually played out (a clear drops what was still buffered).</summary>
    public byte[] PlayedAudio()
    {
        lock (gate) return played.SelectMany(p => p.Mulaw).ToArray();
    }

    internal void AddReceived(ReceivedAgentMedia media) { lock (gate) received.Add(media); }
    internal void AddPlayed(PlayedAgentFrame frame) { lock (gate) played.Add(frame); }
}

/// <summary>One outbound media message: its µ-law and when it arrived (ms since the stream started).</summary>
public sealed record ReceivedAgentMedia(string StreamSid, long ArrivedAtMs, byte[] Mulaw);

/// <summary>Agent audio played during the 20 ms frame starting at <paramref name="StreamMs"/>.</summary>
public sealed record PlayedAgentFrame(string StreamSid, long StreamMs, byte[] Mulaw);
