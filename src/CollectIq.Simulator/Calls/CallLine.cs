using System.Threading.Channels;
using CollectIq.Speech.Audio;

namespace CollectIq.Simulator.Calls;

/// <summary>
/// The phone line between the simulated payer and whatever answers for us (a media stream, or TwiML
/// Say/Gather). The callee script writes speech and digits into it; the active media stream reads
/// one 20 ms frame per tick; the agent side reports when it is audible, so scripts can wait for silence.
/// </summary>
public sealed class CallLine(TimeProvider time)
{
    public const int FrameBytes = 160;
    public static readonly TimeSpan FrameDuration = TimeSpan.FromMilliseconds(20);

    private readonly object gate = new();
    private readonly Queue<PendingSpeech> speech = new();
    private readonly Channel<char> digits = Channel.CreateUnbounded<char>();
    private int sinks;
    private bool agentAudible;
    private long agentChangedAt = time.GetTimestamp();
    private bool agentEverAudible;

    /// <summary>True while a media stream is carrying the caller's audio.</summary>
    public bool HasAudioSink { get { lock (gate) return sinks > 0; } }

    /// <summary>Speak raw µ-law into the line; completes when the last frame was sent (or, with no stream, after its duration).</summary>
    public Task SpeakAsync(ReadOnlyMemory<byte> mulaw, CancellationToken cancellationToken)
    {
        if (mulaw.IsEmpty) return Task.CompletedTask;
        PendingSpeech pending;
        lock (gate)
        {
            if (sinks == 0)
                return Task.Delay(TimeSpan.FromSeconds(mulaw.Length / 8000.0), time, cancellationToken);
            pending = new PendingSpeech(mulaw);
            speech.Enqueue(pending);
        }
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Fills one frame with the caller's speech, or µ-law silence; called by the media stream's send loop.</summary>
    public void ReadFrame(Span<byte> frame)
    {
        var written = 0;
        lock (gate)
        {
            while (written < frame.Length && speech.TryPeek(out var head))
            {
                var take = Math.Min(frame.Length - written, head.Remaining);
                head.Audio.Span.Slice(head.Offset, take).CopyTo(frame[written..]);
                head.Offset += take;
                written += take;
                if (head.Remaining == 0)
                {
                    speech.Dequeue();
                    head.Done.TrySetResult();
                }
            }
        }
        frame[written..].Fill(MuLaw.Silence);
    }

    public void AttachSink() { lock (gate) sinks++; }

    /// <summary>The stream stopped carrying audio: pending speech is dropped (nobody hears it) and its waiters released.</summary>
    public void DetachSink()
    {
        lock (gate)
        {
            sinks = Math.Max(0, sinks - 1);
            if (sinks > 0) return;
            while (speech.TryDequeue(out var pending)) pending.Done.TrySetResult();
        }
    }

    public void PressDigits(string keys)
    {
        foreach (var key in keys) digits.Writer.TryWrite(key);
    }

    public bool TryReadDigit(out char digit) => digits.Reader.TryRead(out digit);

    public bool TryPeekDigit() => digits.Reader.TryPeek(out _);

    public ValueTask<char> ReadDigitAsync(CancellationToken cancellationToken) => digits.Reader.ReadAsync(cancellationToken);

    /// <summary>The agent side reports, every frame or at the edges of a Say, whether it is audible.</summary>
    public void ReportAgentAudible(bool audible)
    {
        lock (gate)
        {
            if (audible) agentEverAudible = true;
            if (audible == agentAudible) return;
            agentAudible = audible;
            agentChangedAt = time.GetTimestamp();
        }
    }

    public bool AgentHasSpoken { get { lock (gate) return agentEverAudible; } }

    /// <summary>Waits until the agent has been quiet for <paramref name="quiet"/> (polls at the frame rate).</summary>
    public async Task WaitForAgentSilenceAsync(TimeSpan quiet, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan remaining;
            lock (gate)
                remaining = agentAudible ? quiet : quiet - time.GetElapsedTime(agentChangedAt);
            if (remaining <= TimeSpan.Zero) return;
            await Task.Delay(remaining < FrameDuration ? remaining : FrameDuration, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until the agent is audible, or <paramref name="timeout"/> passes; true when it spoke.</summary>
    public async Task<bool> WaitForAgentSpeechAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        while (true)
        {
            lock (gate)
                if (agentAudible) return true;
            if (time.GetElapsedTime(start) >= timeout) return false;
            await Task.Delay(FrameDuration, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until a media stream carries the line, or <paramref name="timeout"/> passes; true when one does.</summary>
    public async Task<bool> WaitForSinkAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        while (!HasAudioSink)
        {
            if (time.GetElapsedTime(start) >= timeout) return false;
            await Task.Delay(FrameDuration, time, cancellationToken).ConfigureAwait(false);
        }
        return true;
    }

    private sealed class PendingSpeech(ReadOnlyMemory<byte> audio)
    {
        public ReadOnlyMemory<byte> Audio { get; } = audio;
        public int Offset { get; set; }
        public int Remaining => Audio.Length - Offset;
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
