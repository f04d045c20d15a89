using CollectIq.Domain.Calls;

namespace CollectIq.Telephony.MediaStreams;

/// <summary>
/// The seam between a Twilio media stream and the conversation on it (the agent, or the echo
/// test agent). The session calls these from its single receive loop, in protocol order;
/// implementations must return quickly (queue work, never block on I/O), so a slow agent never
/// stalls the socket reader.
/// </summary>
public interface IMediaStreamHandler : IAsyncDisposable
{
    /// <summary>The stream has started; <paramref name="outbound"/> is how to talk back.</summary>
    ValueTask OnStartAsync(MediaStreamContext context, IOutboundMedia outbound, CancellationToken cancellationToken);

    /// <summary>One inbound frame of raw µ-law 8 kHz (normally 160 bytes = 20 ms). The span is only valid during the call: copy what you keep.</summary>
    void OnAudio(ReadOnlySpan<byte> mulaw, long timestampMs);

    /// <summary>A keypad digit (0-9, *, #).</summary>
    void OnDtmf(char digit);

    /// <summary>Twilio echoed a mark: playback reached it, or it was flushed by a clear.</summary>
    void OnMark(string name);

    /// <summary>The stream ended (stop event, socket closed, call ended). Called exactly once.</summary>
    ValueTask OnStopAsync(StreamEndReason reason);
}

/// <summary>Creates the conversation for a call; registered in DI by the agent (or the echo agent).</summary>
public interface IMediaStreamHandlerFactory
{
    IMediaStreamHandler Create(MediaStreamContext context);
}

/// <summary>Everything known about a stream once its <c>start</c> has arrived and was resolved to a call.</summary>
public sealed record MediaStreamContext(
    string StreamSid,
    string CallSid,
    int CallId,
    int PayerId,
    IReadOnlyDictionary<string, string> CustomParameters,
    DateTimeOffset StartedAt,
    ICallRecorder Recorder);

public enum StreamEndReason
{
    /// <summary>Twilio sent <c>stop</c>.</summary>
    Stopped,
    /// <summary>The socket closed or broke without a <c>stop</c>.</summary>
    SocketClosed,
    /// <summary>We ended it (agent hung up, or the call ended by status callback).</summary>
    HungUp,
    /// <summary>The server is shutting down.</summary>
    Shutdown,
    /// <summary>A protocol error made us close the stream.</summary>
    ProtocolError,
}

/// <summary>
/// Outbound side of a stream. Audio and marks are queued in order and paced close to real time by
/// the session's send loop; <see cref="Clear"/> is urgent and overtakes everything queued.
/// </summary>
public interface IOutboundMedia
{
    /// <summary>Queues raw µ-law 8 kHz audio. Completes when queued; waits (backpressure) when far ahead of playout.</summary>
    ValueTask SendAudioAsync(ReadOnlyMemory<byte> mulaw, CancellationToken cancellationToken = default);

    /// <summary>Queues a mark after the audio queued so far; Twilio echoes it when playback reaches it.</summary>
    ValueTask SendMarkAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Drops queued audio and sends Twilio <c>clear</c> at once (barge-in).</summary>
    void Clear();

    /// <summary>Ends the stream (closes the socket, so Twilio moves past &lt;Connect&gt; and the call ends).</summary>
    ValueTask HangUpAsync(string reason);

    /// <summary>Milliseconds of audio queued here or at Twilio that has not been played yet (estimate from pacing).</summary>
    int PendingPlayoutMs { get; }
}
