using CollectIq.Telephony.MediaStreams;

namespace CollectIq.Agent.Tests.Fakes;

/// <summary>An <see cref="IOutboundMedia"/> that keeps what was sent, in order, for the test to inspect and echo.</summary>
internal sealed class RecordingOutboundMedia : IOutboundMedia
{
    private readonly object _gate = new();
    private readonly List<string> _log = [];
    private readonly List<string> _marks = [];
    private int _audioBytes;

    public int ClearCount { get; private set; }
    public List<string> HangUps { get; } = [];
    public Action? OnClear { get; set; }

    public IReadOnlyList<string> Log { get { lock (_gate) return _log.ToList(); } }
    public IReadOnlyList<string> Marks { get { lock (_gate) return _marks.ToList(); } }
    public int AudioBytes { get { lock (_gate) return _audioBytes; } }

    public ValueTask SendAudioAsync(ReadOnlyMemory<byte> mulaw, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate) { _audioBytes += mulaw.Length; _log.Add("audio"); }
        return ValueTask.CompletedTask;
    }

    public ValueTask SendMarkAsync(string name, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate) { _marks.Add(name); _log.Add("mark:" + name); }
        return ValueTask.CompletedTask;
    }

    public void Clear()
    {
        lock (_gate) { ClearCount++; _log.Add("clear"); }
        OnClear?.Invoke();
    }

    public ValueTask HangUpAsync(string reason)
    {
        lock (_gate) { HangUps.Add(reason); _log.Add("hangup"); }
        return ValueTask.CompletedTask;
    }

    public int PendingPlayoutMs => 0;
}
