using System.Buffers.Binary;
using System.Diagnostics;
using CollectIq.Domain.Calls;
using CollectIq.Telephony.MediaStreams;
using CollectIq.Telephony.MediaStreams.Echo;

namespace CollectIq.Bench.MediaStreams;

/// <summary>Accepts every start (callId/payerId from customParameters), like a database hit that always succeeds.</summary>
internal sealed class AcceptAllResolver : IMediaStreamCallResolver
{
    public ValueTask<MediaStreamCallResolution> ResolveAsync(string callSid, string streamSid, IReadOnlyDictionary<string, string> customParameters, CancellationToken cancellationToken) =>
        ValueTask.FromResult(MediaStreamCallResolution.Accept(
            int.Parse(customParameters.GetValueOrDefault("callId", "1")), int.Parse(customParameters.GetValueOrDefault("payerId", "1"))));
}

/// <summary>Counts events instead of writing them (the bench measures the session, not the database).</summary>
internal sealed class CountingRecorder : ICallRecorder
{
    private long _events;
    public long Events => Interlocked.Read(ref _events);
    public Task RecordEventAsync(int callId, string type, string? detail, CancellationToken ct = default) { Interlocked.Increment(ref _events); return Task.CompletedTask; }
    public Task AppendTurnAsync(int callId, TranscriptTurn turn, CancellationToken ct = default) => Task.CompletedTask;
    public Task MarkTurnInterruptedAsync(int callId, long turnId, string heardText, CancellationToken ct = default) => Task.CompletedTask;
    public Task SetOutcomeAsync(int callId, CallOutcome outcome, string? detailJson, CancellationToken ct = default) => Task.CompletedTask;
    public Task AttachStreamAsync(int callId, string streamSid, string callSid, CancellationToken ct = default) => Task.CompletedTask;
    public Task<bool> AdvanceStatusAsync(int callId, string status, string source, CallStatusDetails? details = null, CancellationToken ct = default) => Task.FromResult(true);
}

/// <summary>Decorates the echo agent: each inbound frame carries its scheduled send time (Stopwatch ticks, shared across processes on Linux), so lateness at the handler can be measured.</summary>
internal sealed class MeasuringHandlerFactory(EchoToneHandlerFactory inner, LatencyHistogram lateness, LatencyHistogram delivery) : IMediaStreamHandlerFactory
{
    public IMediaStreamHandler Create(MediaStreamContext context) => new MeasuringHandler(inner.Create(context), lateness, delivery);

    private sealed class MeasuringHandler(IMediaStreamHandler inner, LatencyHistogram lateness, LatencyHistogram delivery) : IMediaStreamHandler
    {
        public ValueTask OnStartAsync(MediaStreamContext context, IOutboundMedia outbound, CancellationToken cancellationToken) => inner.OnStartAsync(context, outbound, cancellationToken);

        public void OnAudio(ReadOnlySpan<byte> mulaw, long timestampMs)
        {
            if (mulaw.Length >= 16)
            {
                var now = Stopwatch.GetTimestamp();
                lateness.Record(Stopwatch.GetElapsedTime(BinaryPrimitives.ReadInt64LittleEndian(mulaw), now).TotalMilliseconds);
                delivery.Record(Stopwatch.GetElapsedTime(BinaryPrimitives.ReadInt64LittleEndian(mulaw[8..]), now).TotalMilliseconds);
            }
            inner.OnAudio(mulaw, timestampMs);
        }

        public void OnDtmf(char digit) => inner.OnDtmf(digit);
        public void OnMark(string name) => inner.OnMark(name);
        public ValueTask OnStopAsync(StreamEndReason reason) => inner.OnStopAsync(reason);
        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
