using CollectIq.Speech.Audio;

namespace CollectIq.Simulator.MediaStreams;

/// <summary>
/// Twilio's outbound buffer for one stream: agent audio and marks in arrival order, played out one
/// 20 ms frame per tick. A mark is reached once all audio queued before it has been played;
/// <see cref="Clear"/> drops the audio and hands back every pending mark. Thread-safe (the receive
/// loop enqueues, the send loop plays).
/// </summary>
public sealed class PlayoutBuffer
{
    private readonly object gate = new();
    private readonly Queue<object> items = new(); // byte[] audio or string mark
    private int headOffset;
    private int bufferedBytes;

    public int BufferedBytes { get { lock (gate) return bufferedBytes; } }

    public void EnqueueAudio(byte[] mulaw)
    {
        if (mulaw.Length == 0) return;
        lock (gate)
        {
            items.Enqueue(mulaw);
            bufferedBytes += mulaw.Length;
        }
    }

    public void EnqueueMark(string name)
    {
        lock (gate) items.Enqueue(name);
    }

    /// <summary>
    /// Plays one frame: fills <paramref name="frame"/> with buffered audio (µ-law silence for the rest)
    /// and adds the marks reached to <paramref name="reachedMarks"/>. Returns the bytes of agent audio played.
    /// </summary>
    public int PlayFrame(Span<byte> frame, List<string> reachedMarks)
    {
        var written = 0;
        lock (gate)
        {
            while (items.TryPeek(out var head))
            {
                if (head is string mark)
                {
                    items.Dequeue();
                    reachedMarks.Add(mark);
                    continue;
                }
                if (written == frame.Length) break;
                var audio = (byte[])head;
                var take = Math.Min(frame.Length - written, audio.Length - headOffset);
                audio.AsSpan(headOffset, take).CopyTo(frame[written..]);
                written += take;
                headOffset += take;
                bufferedBytes -= take;
                if (headOffset == audio.Length)
                {
                    items.Dequeue();
                    headOffset = 0;
                }
            }
        }
        frame[written..].Fill(MuLaw.Silence);
        return written;
    }

    /// <summary>Drops all buffered audio; returns the marks that were pending, in order.</summary>
    public List<string> Clear()
    {
        var marks = new List<string>();
        lock (gate)
        {
            foreach (var item in items)
                if (item is string mark) marks.Add(mark);
            items.Clear();
            headOffset = 0;
            bufferedBytes = 0;
        }
        return marks;
    }
}
