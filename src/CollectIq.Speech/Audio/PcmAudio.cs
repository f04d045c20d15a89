namespace CollectIq.Speech.Audio;

/// <summary>Mono 16-bit PCM audio with its sample rate: the unit every engine in this project exchanges.</summary>
public sealed record PcmAudio(short[] Samples, int SampleRate)
{
    public TimeSpan Duration => TimeSpan.FromSeconds((double)Samples.Length / SampleRate);

    public static PcmAudio Silence(TimeSpan duration, int sampleRate) =>
        new(new short[(int)(duration.TotalSeconds * sampleRate)], sampleRate);

    /// <summary>This audio at <paramref name="sampleRate"/>, resampled with the default resampler when it differs.</summary>
    public PcmAudio At(int sampleRate) =>
        sampleRate == SampleRate ? this : new PcmAudio(Resampling.Resample(Samples, SampleRate, sampleRate), sampleRate);

    public PcmAudio Concat(PcmAudio other)
    {
        if (other.SampleRate != SampleRate) other = other.At(SampleRate);
        var all = new short[Samples.Length + other.Samples.Length];
        Samples.CopyTo(all, 0);
        other.Samples.CopyTo(all, Samples.Length);
        return new PcmAudio(all, SampleRate);
    }
}
