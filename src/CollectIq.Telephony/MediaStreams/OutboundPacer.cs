using System.Buffers;
using CollectIq.Telephony.MediaStreams.Internal;
using CollectIq.Telephony.MediaStreams.Protocol;

namespace CollectIq.Telephony.MediaStreams;

/// <summary>
/// The send side of a stream: queues audio and marks in order and sends them paced a little ahead
/// of real time (<see cref="MediaStreamOptions.LeadMs"/>), in messages of
/// <see cref="MediaStreamOptions.ChunkMs"/>. <see cref="Clear"/> overtakes everything. Playout
/// position is estimated from pacing and corrected by the marks Twilio echoes.
/// Its <see cref="RunAsync"/> is the session's one send loop: nothing else writes to the socket.
/// </summary>
public sealed class OutboundPacer : IOutboundMedia, IDisposable
{
    /// <summary>Sends one text message on the socket.</summary>
    public delegate ValueTask SendMessage(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken);

    /// <summary>Largest correction one echoed mark may apply to the playout estimate (a broken peer must not stall us).</summary>
    private const double MaxMarkCorrectionMs = 1_000;

    private readonly Lock _gate = new();
    private readonly Queue<QueuedItem> _queue = new();
    private readonly Queue<SentMark> _sentMarks = new();
    private readonly AsyncSignal _wake = new();
    private readonly ITimer _timer;
    private readonly TimeProvider _time;
    private readonly Func<string, ValueTask> _hangUp;
    private readonly Action<string, string?> _recordEvent;
    private readonly int _leadMs;
    private readonly int _chunkBytes;
    private readonly long _maxQueuedBytes;
    private readonly int _maxQueuedItems;

    private OutboundMessageWriter? _writer;
    private byte[] _chunk;
    private long _queuedBytes;
    private double _playoutEndMs;
    private long _sentBytes;
    private long _playedBytes;
    private bool _clearRequested;
    private bool _completed;
    private bool _waiting;
    private TaskCompletionSource? _roomAvailable;

    public OutboundPacer(MediaStreamOptions options, TimeProvider time, Func<string, ValueTask> hangUp, Action<string, string?> recordEvent)
    {
        _time = time;
        _hangUp = hangUp;
        _recordEvent = recordEvent;
        _leadMs = options.LeadMs;
        _chunkBytes = options.ChunkMs * MediaStreamOptions.BytesPerMs;
        _maxQueuedBytes = (long)options.MaxQueuedAudioMs * MediaStreamOptions.BytesPerMs;
        _maxQueuedItems = options.MaxQueuedItems;
        _chunk = ArrayPool<byte>.Shared.Rent(_chunkBytes);
        _timer = time.CreateTimer(static s => ((AsyncSignal)s!).Set(), _wake, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _playoutEndMs = NowMs;
    }

    /// <summary>Milliseconds of audio queued here or sent but (by our estimate) not yet played.</summary>
    public int PendingPlayoutMs
    {
        get
        {
            lock (_gate) return (int)(Math.Max(0, _playoutEndMs - NowMs) + _queuedBytes / MediaStreamOptions.BytesPerMs);
        }
    }

    /// <summary>Audio sent to Twilio so far, in ms.</summary>
    public long SentAudioMs { get { lock (_gate) return _sentBytes / MediaStreamOptions.BytesPerMs; } }

    /// <summary>Audio Twilio confirmed as played (the position of the last mark echoed as played), in ms.</summary>
    public long PlayedAudioMs { get { lock (_gate) return _playedBytes / MediaStreamOptions.BytesPerMs; } }

    /// <summary>The last mark Twilio echoed because playback reached it (not because of a clear).</summary>
    public string? LastPlayedMark { get; private set; }

    /// <summary>True while the send loop waits (nothing to send, or ahead of real time). For tests.</summary>
    internal bool IsWaiting { get { lock (_gate) return _waiting; } }

    private double NowMs => _time.GetTimestamp() * 1000.0 / _time.TimestampFrequency;

    /// <summary>Binds the pacer to the stream once <c>start</c> has arrived; nothing is sent before.</summary>
    public void Attach(string streamSid)
    {
        lock (_gate)
        {
            _writer ??= new OutboundMessageWriter(streamSid);
            _playoutEndMs = NowMs;
        }
        _wake.Set();
    }

    /// <summary>
    /// Copies the audio into the queue before returning; the returned task completes when the queue has
    /// room for more (backpressure). After the stream ended the audio is dropped.
    /// </summary>
    public ValueTask SendAudioAsync(ReadOnlyMemory<byte> mulaw, CancellationToken cancellationToken = default)
    {
        if (mulaw.IsEmpty) return ValueTask.CompletedTask;
        var copy = ArrayPool<byte>.Shared.Rent(mulaw.Length);
        mulaw.Span.CopyTo(copy);
        return Enqueue(new QueuedItem(copy, 0, mulaw.Length, null), cancellationToken);
    }

    public ValueTask SendMarkAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Enqueue(new QueuedItem(null, 0, 0, name), cancellationToken);
    }

    private ValueTask Enqueue(QueuedItem item, CancellationToken cancellationToken)
    {
        TaskCompletionSource? room;
        lock (_gate)
        {
            if (_completed)
            {
                item.Return();
                return ValueTask.CompletedTask;
            }
            _queue.Enqueue(item);
            _queuedBytes += item.Length;
            if (!IsOverLimit) room = null;
            else room = _roomAvailable ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        _wake.Set();
        return room is null ? ValueTask.CompletedTask : new ValueTask(room.Task.WaitAsync(cancellationToken));
    }

    private bool IsOverLimit => _queuedBytes > _maxQueuedBytes || _queue.Count > _maxQueuedItems;

    /// <summary>
    /// Barge-in: drops queued audio and sends <c>clear</c> ahead of anything else. Queued marks are kept
    /// and sent right after the clear, so every mark is still echoed (as Twilio does for the marks it
    /// held) and a handler waiting for one never hangs.
    /// </summary>
    public void Clear()
    {
        lock (_gate)
        {
            if (_completed) return;
            var count = _queue.Count;
            for (var i = 0; i < count; i++)
            {
                var item = _queue.Dequeue();
                if (item.Mark is not null) { item.Cleared = true; _queue.Enqueue(item); }
                else item.Return();
            }
            _queuedBytes = 0;
            _playoutEndMs = NowMs;
            foreach (var mark in _sentMarks) mark.Cleared = true;
            _clearRequested = true;
            ReleaseRoomIfAvailable();
        }
        _wake.Set();
    }

    public ValueTask HangUpAsync(string reason) => _hangUp(reason);

    /// <summary>Twilio echoed a mark: playback reached it, or a clear flushed it. Corrects the playout estimate.</summary>
    public void OnMarkEchoed(string name)
    {
        lock (_gate)
        {
            while (_sentMarks.TryDequeue(out var mark))
            {
                if (mark.Name != name) continue; // marks are echoed in order; earlier ones were lost
                if (mark.Cleared) return;
                LastPlayedMark = name;
                _playedBytes = mark.SentBytesBefore;
                // Twilio is behind our estimate (network, jitter buffer): shift the estimate so the lead stays real.
                var lateBy = NowMs - mark.ExpectedPlayedAtMs;
                if (lateBy > 0)
                {
                    var shift = Math.Min(lateBy, MaxMarkCorrectionMs);
                    _playoutEndMs += shift;
                    foreach (var pending in _sentMarks) pending.ExpectedPlayedAtMs += shift;
                }
                return;
            }
        }
    }

    /// <summary>Stops the send loop; queued audio is dropped and producers waiting for room are released.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            if (_completed) return;
            _completed = true;
            while (_queue.TryDequeue(out var item)) item.Return();
            _queuedBytes = 0;
            ReleaseRoomIfAvailable();
        }
        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _wake.Set();
    }

    /// <summary>
    /// The send loop. Returns when <see cref="Complete"/> is called or <paramref name="cancellationToken"/> fires;
    /// throws what <paramref name="send"/> throws (the session then aborts the socket).
    /// </summary>
    public async Task RunAsync(SendMessage send, CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(static s => ((OutboundPacer)s!).Complete(), this);
        while (true)
        {
            var action = NextAction(out var chunkLength, out var mark, out var wait);
            switch (action)
            {
                case PacerAction.Stop:
                    return;
                case PacerAction.Clear:
                    await send(_writer!.WriteClear(), cancellationToken).ConfigureAwait(false);
                    _recordEvent("clear", null);
                    break;
                case PacerAction.Mark:
                    await send(_writer!.WriteMark(mark!), cancellationToken).ConfigureAwait(false);
                    break;
                case PacerAction.Media:
                    await send(_writer!.WriteMedia(_chunk.AsSpan(0, chunkLength)), cancellationToken).ConfigureAwait(false);
                    break;
                case PacerAction.Wait:
                    if (wait is { } delay) _timer.Change(delay, Timeout.InfiniteTimeSpan);
                    await _wake.WaitAsync().ConfigureAwait(false);
                    lock (_gate) _waiting = false;
                    break;
            }
        }
    }

    private PacerAction NextAction(out int chunkLength, out string? mark, out TimeSpan? wait)
    {
        chunkLength = 0;
        mark = null;
        wait = null;
        lock (_gate)
        {
            if (_completed) return PacerAction.Stop;
            if (_writer is null) return Waiting();
            if (_clearRequested)
            {
                _clearRequested = false;
                return PacerAction.Clear;
            }
            if (!_queue.TryPeek(out var head)) return Waiting();

            var now = NowMs;
            if (head.Mark is not null)
            {
                _queue.Dequeue();
                mark = head.Mark;
                _sentMarks.Enqueue(new SentMark(mark, Math.Max(now, _playoutEndMs), _sentBytes) { Cleared = head.Cleared });
                ReleaseRoomIfAvailable();
                return PacerAction.Mark;
            }

            var ahead = _playoutEndMs - now;
            if (ahead > _leadMs)
            {
                wait = TimeSpan.FromMilliseconds(ahead - _leadMs);
                return Waiting();
            }

            // Take up to one chunk of audio, stopping at a mark so it stays exactly after the audio before it.
            while (chunkLength < _chunkBytes && _queue.TryPeek(out var item) && item.Mark is null)
            {
                var take = Math.Min(item.Length, _chunkBytes - chunkLength);
                item.Buffer.AsSpan(item.Offset, take).CopyTo(_chunk.AsSpan(chunkLength));
                chunkLength += take;
                if (take == item.Length)
                {
                    _queue.Dequeue();
                    item.Return();
                }
                else
                {
                    item.Offset += take;
                    item.Length -= take;
                }
            }
            _queuedBytes -= chunkLength;
            _sentBytes += chunkLength;
            _playoutEndMs = Math.Max(now, _playoutEndMs) + (double)chunkLength / MediaStreamOptions.BytesPerMs;
            ReleaseRoomIfAvailable();
            return PacerAction.Media;
        }
    }

    private PacerAction Waiting()
    {
        _waiting = true;
        return PacerAction.Wait;
    }

    private void ReleaseRoomIfAvailable()
    {
        if (_roomAvailable is null || (IsOverLimit && !_completed)) return;
        _roomAvailable.TrySetResult();
        _roomAvailable = null;
    }

    public void Dispose()
    {
        Complete();
        _timer.Dispose();
        lock (_gate)
        {
            _writer?.Dispose();
            if (_chunk.Length > 0) ArrayPool<byte>.Shared.Return(_chunk);
            _chunk = [];
        }
    }

    private enum PacerAction { Stop, Wait, Clear, Mark, Media }

    /// <summary>A class, not a struct, so a partly sent item can be updated in place at the queue's head.</summary>
    private sealed class QueuedItem(byte[]? buffer, int offset, int length, string? mark)
    {
        public byte[]? Buffer { get; } = buffer;
        public int Offset { get; set; } = offset;
        public int Length { get; set; } = length;
        public string? Mark { get; } = mark;
        /// <summary>A mark kept across a clear: its audio was dropped, so its echo means "cleared".</summary>
        public bool Cleared { get; set; }

        public void Return()
        {
            if (Buffer is not null) ArrayPool<byte>.Shared.Return(Buffer);
        }
    }

    private sealed class SentMark(string name, double expectedPlayedAtMs, long sentBytesBefore)
    {
        public string Name { get; } = name;
        public double ExpectedPlayedAtMs { get; set; } = expectedPlayedAtMs;
        public long SentBytesBefore { get; } = sentBytesBefore;
        public bool Cleared { get; set; }
    }
}
