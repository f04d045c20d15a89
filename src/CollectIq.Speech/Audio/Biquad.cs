namespace CollectIq.Speech.Audio;

/// <summary>RBJ-cookbook second-order section (Butterworth Q), direct form I, for band-limiting audio.</summary>
public sealed class Biquad
{
    private readonly double _b0, _b1, _b2, _a1, _a2;
    private double _x1, _x2, _y1, _y2;

    private Biquad(double b0, double b1, double b2, double a0, double a1, double a2)
    {
        _b0 = b0 / a0; _b1 = b1 / a0; _b2 = b2 / a0; _a1 = a1 / a0; _a2 = a2 / a0;
    }

    public static Biquad LowPass(double cutoffHz, int sampleRate, double q = 0.7071)
    {
        var (cos, alpha) = Prepare(cutoffHz, sampleRate, q);
        return new Biquad((1 - cos) / 2, 1 - cos, (1 - cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    public static Biquad HighPass(double cutoffHz, int sampleRate, double q = 0.7071)
    {
        var (cos, alpha) = Prepare(cutoffHz, sampleRate, q);
        return new Biquad((1 + cos) / 2, -(1 + cos), (1 + cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    private static (double Cos, double Alpha) Prepare(double f, int rate, double q)
    {
        var w = 2 * Math.PI * f / rate;
        return (Math.Cos(w), Math.Sin(w) / (2 * q));
    }

    public double Process(double x)
    {
        var y = _b0 * x + _b1 * _x1 + _b2 * _x2 - _a1 * _y1 - _a2 * _y2;
        _x2 = _x1; _x1 = x; _y2 = _y1; _y1 = y;
        return y;
    }
}
