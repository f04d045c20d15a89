namespace CollectIq.Speech.Audio;

/// <summary>
/// Simulates the telephone channel for tests and the evaluation corpus: optional additive noise,
/// 300–3400 Hz band-pass (4th-order Butterworth each side), resampling to 8 kHz, G.711 µ-law.
/// </summary>
public static class PhoneLine
{
    public const int SampleRate = 8000;

    /// <summary>Returns the µ-law bytes Twilio would carry for <paramref name="audio"/>.</summary>
    public static byte[] ToMuLaw(PcmAudio audio, double? noiseDbfs = null, int seed = 1)
    {
        var input = audio.Samples;
        var x = new double[input.Length];
        var random = new Random(seed);
        var noiseRms = noiseDbfs is { } db ? 32768 * Math.Pow(10, db / 20) : 0;
        for (var i = 0; i < x.Length; i++)
            x[i] = input[i] + (noiseRms > 0 ? Gaussian(random) * noiseRms : 0);
        var filters = new[]
        {
            Biquad.HighPass(300, audio.SampleRate, 0.5412), Biquad.HighPass(300, audio.SampleRate, 1.3066),
            Biquad.LowPass(3400, audio.SampleRate, 0.5412), Biquad.LowPass(3400, audio.SampleRate, 1.3066),
        };
        var filtered = new short[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            var v = x[i];
            foreach (var f in filters) v = f.Process(v);
            filtered[i] = (short)Math.Clamp(Math.Round(v), short.MinValue, short.MaxValue);
        }
        var narrow = Resampling.Resample(filtered, audio.SampleRate, SampleRate);
        return MuLaw.Encode(narrow);
    }

    /// <summary>The phone-line version of <paramref name="audio"/>, decoded back to 8 kHz PCM.</summary>
    public static PcmAudio Simulate(PcmAudio audio, double? noiseDbfs = null, int seed = 1) =>
        new(MuLaw.Decode(ToMuLaw(audio, noiseDbfs, seed)), SampleRate);

    private static double Gaussian(Random r)
    {
        var u1 = 1.0 - r.NextDouble();
        var u2 = r.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
