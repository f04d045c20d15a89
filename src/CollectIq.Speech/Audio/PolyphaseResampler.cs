namespace CollectIq.Speech.Audio;

/// <summary>
/// Rational L/M polyphase resampler with a Kaiser-windowed sinc prototype: passband to 90% of the
/// lower Nyquist, ≥ 90 dB stopband from the lower Nyquist up, so 16 kHz → 8 kHz cannot alias and
/// 8 kHz → 16 kHz leaves no images above 4 kHz. Streaming: keeps only the filter history between calls.
/// </summary>
public sealed class PolyphaseResampler : IResampler
{
    private const double StopbandDb = 90;
    private const double PassbandFraction = 0.90;

    private readonly int _up;
    private readonly int _down;
    private readonly float[][] _phases;   // _phases[p][k] = h[p + k*L] * L
    private readonly int _tapsPerPhase;
    private float[] _history;             // input samples from absolute index _historyStart
    private int _historyCount;
    private long _historyStart;
    private long _inputCount;
    private long _nextOutput;

    public PolyphaseResampler(int inputRate, int outputRate)
    {
        if (inputRate <= 0 || outputRate <= 0) throw new ArgumentOutOfRangeException(nameof(inputRate), "Sample rates must be positive.");
        InputRate = inputRate;
        OutputRate = outputRate;
        var g = Gcd(inputRate, outputRate);
        _up = outputRate / g;
        _down = inputRate / g;
        (_phases, _tapsPerPhase, var center) = Design(_up, _down);
        OutputDelay = center / _down;
        _history = new float[Math.Max(1024, _tapsPerPhase * 4)];
    }

    public int InputRate { get; }
    public int OutputRate { get; }

    /// <summary>Group delay of the filter in output samples.</summary>
    public int OutputDelay { get; }

    public int TapsPerPhase => _tapsPerPhase;

    public short[] Process(ReadOnlySpan<short> input)
    {
        Append(input);
        return Drain(_inputCount);
    }

    public short[] Flush()
    {
        var end = _inputCount;
        Append(new short[_tapsPerPhase + 1]);
        // Emit every output up to the end of the real input plus the filter delay.
        var limit = (end * _up + _down - 1) / _down + OutputDelay;
        return Drain(_inputCount, limit);
    }

    public void Dispose() { }

    private void Append(ReadOnlySpan<short> input)
    {
        if (_historyCount + input.Length > _history.Length)
            Array.Resize(ref _history, Math.Max(_history.Length * 2, _historyCount + input.Length));
        for (var i = 0; i < input.Length; i++) _history[_historyCount + i] = input[i];
        _historyCount += input.Length;
        _inputCount += input.Length;
    }

    private short[] Drain(long available, long? limit = null)
    {
        // Output n needs input up to index floor(n*M/L).
        var lastComputable = (available * _up - 1) / _down; // largest n with n*M/L < available
        if (limit is { } l) lastComputable = Math.Min(lastComputable, l - 1);
        var count = (int)Math.Max(0, lastComputable - _nextOutput + 1);
        var output = new short[count];
        for (var j = 0; j < count; j++, _nextOutput++)
        {
            var t = _nextOutput * _down;
            var baseIndex = t / _up;
            var phase = _phases[(int)(t % _up)];
            double acc = 0;
            var rel = (int)(baseIndex - _historyStart);
            var taps = Math.Min(phase.Length, rel + 1);
            for (var k = 0; k < taps; k++) acc += phase[k] * _history[rel - k];
            output[j] = (short)Math.Clamp(Math.Round(acc), short.MinValue, short.MaxValue);
        }
        // Keep only the history the next output can reach.
        var nextBase = _nextOutput * _down / _up;
        var keepFrom = Math.Max(_historyStart, nextBase - _tapsPerPhase + 1);
        var drop = (int)(keepFrom - _historyStart);
        if (drop > 0)
        {
            Array.Copy(_history, drop, _history, 0, _historyCount - drop);
            _historyCount -= drop;
            _historyStart = keepFrom;
        }
        return output;
    }

    private static (float[][] Phases, int TapsPerPhase, int Center) Design(int up, int down)
    {
        var widest = Math.Max(up, down);
        var nyquist = 0.5 / widest;                      // lower Nyquist, normalised to the upsampled rate
        var transition = (1 - PassbandFraction) * nyquist;
        var cutoff = nyquist - transition / 2;            // stopband starts at the lower Nyquist
        var beta = 0.1102 * (StopbandDb - 8.7);
        var minimum = (int)Math.Ceiling((StopbandDb - 7.95) / (14.36 * transition));
        // Centre on a multiple of M so the group delay is a whole number of output samples.
        var center = (int)Math.Ceiling(minimum / 2.0 / down) * down;
        var tapsPerPhase = (2 * center + 1 + up - 1) / up;
        var length = tapsPerPhase * up;                   // zero-padded so every phase has the same length
        var phases = new float[up][];
        for (var p = 0; p < up; p++) phases[p] = new float[tapsPerPhase];
        var i0Beta = BesselI0(beta);
        for (var n = 0; n < length; n++)
        {
            if (n > 2 * center) continue;
            var x = n - center;
            var sinc = x == 0 ? 2 * cutoff : Math.Sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
            var r = x / (center + 0.5);
            var window = Math.Abs(r) >= 1 ? 0 : BesselI0(beta * Math.Sqrt(1 - r * r)) / i0Beta;
            phases[n % up][n / up] = (float)(sinc * window * up);
        }
        return (phases, tapsPerPhase, center);
    }

    private static double BesselI0(double x)
    {
        double sum = 1, term = 1, half = x / 2;
        for (var k = 1; k < 50; k++)
        {
            term *= half / k;
            sum += term * term;
            if (term * term < sum * 1e-17) break;
        }
        return sum;
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
