namespace CollectIq.Simulator.Scripts;

/// <summary>
/// Band-limits and resamples speech to the telephone rate (8 kHz): a windowed-sinc low-pass at
/// 3.4 kHz evaluated at each output instant (fractional positions, so 22,050 → 8,000 works).
/// Good enough for a simulated caller; not a studio resampler.
/// </summary>
internal static class Resampler
{
    public const int TelephoneRate = 8000;
    private const double CutoffHz = 3400;
    private const int HalfTaps = 16;

    public static short[] ToTelephoneRate(ReadOnlySpan<short> input, int inputRate)
    {
        if (inputRate <= 0) throw new ArgumentOutOfRangeException(nameof(inputRate));
        if (inputRate == TelephoneRate) return input.ToArray();
        var ratio = (double)inputRate / TelephoneRate;
        var output = new short[(int)(input.Length / ratio)];
        var cutoff = CutoffHz / inputRate; // normalised to the input rate
        for (var n = 0; n < output.Length; n++)
        {
            var center = n * ratio;
            var first = (int)Math.Floor(center) - HalfTaps + 1;
            double sum = 0, weight = 0;
            for (var k = first; k < first + 2 * HalfTaps; k++)
            {
                var x = k - center;
                var sinc = x == 0 ? 2 * cutoff : Math.Sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
                var window = 0.5 + 0.5 * Math.Cos(Math.PI * x / HalfTaps); // Hann
                var tap = sinc * window;
                weight += tap;
                if (k >= 0 && k < input.Length) sum += tap * input[k];
            }
            output[n] = (short)Math.Clamp(Math.Round(sum / weight), short.MinValue, short.MaxValue);
        }
        return output;
    }
}
