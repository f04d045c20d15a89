using System.Diagnostics;
using CollectIq.Speech.Audio;

namespace CollectIq.Speech.Evaluation;

/// <summary>One resampler measured on one conversion: worst alias / image level and speed.</summary>
public sealed record ResamplerScore(ResamplerKind Kind, int From, int To, double WorstStopbandDb, double PassbandRippleDb, double NanosecondsPerInputSample);

/// <summary>
/// Measures the resamplers the way the phone path stresses them: a tone sweep above the lower Nyquist
/// (where anything left folds back into the band), passband flatness across 300–3400 Hz, and speed on
/// 20 ms streaming blocks.
/// </summary>
public static class ResamplerMeasurement
{
    public static IReadOnlyList<ResamplerScore> Run()
    {
        var results = new List<ResamplerScore>();
        foreach (var (from, to) in new[] { (16000, 8000), (8000, 16000), (22050, 8000) })
        foreach (var kind in new[] { ResamplerKind.Polyphase, ResamplerKind.Soxr })
            results.Add(Measure(kind, from, to));
        return results;
    }

    public static ResamplerScore Measure(ResamplerKind kind, int from, int to)
    {
        var lowNyquist = Math.Min(from, to) / 2.0;
        var highNyquist = Math.Max(from, to) / 2.0;
        var worst = double.MinValue;
        // Downsampling: a tone above the output Nyquist shows up folded at |f - to|.
        // Upsampling: a tone in band leaves an image at to_from - f. Either way measure at the wrong frequency.
        for (var f = lowNyquist * 1.0 + 50; f < highNyquist - 50; f += 97)
        {
            var source = from > to ? f : from - f;        // the tone we feed
            if (source <= 0 || source >= from / 2.0) continue;
            var wrong = from > to ? Math.Abs(f - to) : f;  // where its alias/image lands
            if (from > to && wrong > to / 2.0) wrong = to - wrong;
            var input = Tone(source, from, 0.25);
            var output = Resampling.Resample(input, from, to, kind);
            var level = Goertzel(output, wrong, to) / Goertzel(input, source, from);
            worst = Math.Max(worst, 20 * Math.Log10(Math.Max(level, 1e-9)));
        }
        var ripple = 0.0;
        foreach (var f in new[] { 300.0, 1000, 2000, 3000, 3400 })
        {
            var input = Tone(f, from, 0.25);
            var output = Resampling.Resample(input, from, to, kind);
            ripple = Math.Max(ripple, Math.Abs(20 * Math.Log10(Goertzel(output, f, to) / Goertzel(input, f, from))));
        }
        var block = Tone(440, from, 0.02);
        using var r = Resampling.Create(from, to, kind);
        for (var i = 0; i < 50; i++) r.Process(block);
        var sw = Stopwatch.StartNew();
        const int Blocks = 2000;
        for (var i = 0; i < Blocks; i++) r.Process(block);
        var ns = sw.Elapsed.TotalNanoseconds / (Blocks * (double)block.Length);
        return new ResamplerScore(kind, from, to, worst, ripple, ns);
    }

    private static short[] Tone(double hz, int rate, double seconds)
    {
        var s = new short[(int)(rate * seconds)];
        for (var i = 0; i < s.Length; i++) s[i] = (short)(16000 * Math.Sin(2 * Math.PI * hz * i / rate));
        return s;
    }

    /// <summary>Amplitude of one frequency over the middle of the clip (edges carry filter transients).</summary>
    private static double Goertzel(short[] x, double hz, int rate)
    {
        var a = x.Length / 8;
        var b = x.Length - a;
        double w = 2 * Math.PI * hz / rate, c = 2 * Math.Cos(w), s1 = 0, s2 = 0;
        for (var i = a; i < b; i++)
        {
            // Hann window keeps the strong in-band tone from leaking into the probe frequency.
            var win = 0.5 - 0.5 * Math.Cos(2 * Math.PI * (i - a) / (b - a - 1));
            var s = x[i] * win + c * s1 - s2;
            s2 = s1; s1 = s;
        }
        return Math.Sqrt(Math.Max(0, s1 * s1 + s2 * s2 - c * s1 * s2)) / (b - a);
    }
}
