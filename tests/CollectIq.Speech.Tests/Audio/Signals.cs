using CollectIq.Speech.Audio;

namespace CollectIq.Speech.Tests;

internal static class Signals
{
    public static short[] Tone(double hz, int rate, double seconds, double amplitude = 0.5)
    {
        var n = (int)(rate * seconds);
        var s = new short[n];
        for (var i = 0; i < n; i++) s[i] = (short)(amplitude * 32767 * Math.Sin(2 * Math.PI * hz * i / rate));
        return s;
    }

    /// <summary>Gain in dB of a tone through a resampler, measured away from the edges.</summary>
    public static double ToneGainDb(double hz, int from, int to, ResamplerKind kind)
    {
        var input = Tone(hz, from, 0.5);
        var output = Resampling.Resample(input, from, to, kind);
        var margin = to / 20;
        var mid = output.AsSpan(margin, output.Length - 2 * margin);
        var inRms = AudioLevel.Rms(input.AsSpan(from / 20, input.Length - from / 10));
        return 20 * Math.Log10(Math.Max(AudioLevel.Rms(mid), 1e-3) / inRms);
    }
}
