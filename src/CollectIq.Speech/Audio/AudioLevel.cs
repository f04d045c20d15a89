namespace CollectIq.Speech.Audio;

/// <summary>Level metering for 16-bit PCM: RMS and dBFS (0 dBFS = a full-scale square wave; silence = -inf clamped to <see cref="Floor"/>).</summary>
public static class AudioLevel
{
    public const double Floor = -120.0;

    public static double Rms(ReadOnlySpan<short> samples)
    {
        if (samples.IsEmpty) return 0;
        double sum = 0;
        foreach (var s in samples) sum += (double)s * s;
        return Math.Sqrt(sum / samples.Length);
    }

    public static double Rms(ReadOnlySpan<float> samples)
    {
        if (samples.IsEmpty) return 0;
        double sum = 0;
        foreach (var s in samples) sum += (double)s * s;
        return Math.Sqrt(sum / samples.Length);
    }

    public static double Dbfs(ReadOnlySpan<short> samples) => ToDbfs(Rms(samples));

    public static double ToDbfs(double rms) => rms <= 0 ? Floor : Math.Max(Floor, 20 * Math.Log10(rms / 32768.0));

    public static double Peak(ReadOnlySpan<short> samples)
    {
        var peak = 0;
        foreach (var s in samples) peak = Math.Max(peak, Math.Abs((int)s));
        return peak;
    }
}
