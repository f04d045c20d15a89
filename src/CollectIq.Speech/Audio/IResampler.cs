namespace CollectIq.Speech.Audio;

/// <summary>
/// A streaming sample-rate converter for one mono stream (not thread-safe: one per stream).
/// Output has a small fixed group delay; <see cref="Flush"/> drains the tail at the end.
/// </summary>
public interface IResampler : IDisposable
{
    int InputRate { get; }
    int OutputRate { get; }

    /// <summary>Converts the next block of input; returns what is ready (may be empty for tiny blocks).</summary>
    short[] Process(ReadOnlySpan<short> input);

    /// <summary>Returns the remaining samples held back by the filter.</summary>
    short[] Flush();
}

public enum ResamplerKind
{
    /// <summary>Our windowed-sinc (Kaiser) polyphase FIR; managed, no native dependency.</summary>
    Polyphase,
    /// <summary>libsoxr (Debian libsoxr0) through P/Invoke, HQ recipe.</summary>
    Soxr,
}
