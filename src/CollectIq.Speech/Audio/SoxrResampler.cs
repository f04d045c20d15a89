using System.Runtime.InteropServices;

namespace CollectIq.Speech.Audio;

/// <summary>libsoxr (Debian libsoxr0), HQ recipe, float32 I/O, through P/Invoke. One instance per stream.</summary>
public sealed unsafe class SoxrResampler : IResampler
{
    private const string Library = "libsoxr.so.0";
    private IntPtr _handle;
    private float[] _in = [];
    private float[] _out = [];

    public SoxrResampler(int inputRate, int outputRate)
    {
        InputRate = inputRate;
        OutputRate = outputRate;
        _handle = soxr_create(inputRate, outputRate, 1, out var error, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero);
        if (error != IntPtr.Zero || _handle == IntPtr.Zero)
            throw new InvalidOperationException($"soxr_create failed: {Marshal.PtrToStringAnsi(error)}");
    }

    public int InputRate { get; }
    public int OutputRate { get; }

    public short[] Process(ReadOnlySpan<short> input)
    {
        if (_in.Length < input.Length) _in = new float[input.Length];
        for (var i = 0; i < input.Length; i++) _in[i] = input[i] / 32768f;
        return Run(input.Length, flush: false);
    }

    public short[] Flush() => Run(0, flush: true);

    private short[] Run(int count, bool flush)
    {
        ObjectDisposedException.ThrowIf(_handle == IntPtr.Zero, this);
        var result = new List<short>((int)((long)count * OutputRate / InputRate) + 64);
        var capacity = (int)((long)Math.Max(count, 256) * OutputRate / InputRate) + 256;
        if (_out.Length < capacity) _out = new float[capacity];
        var offset = 0;
        while (true)
        {
            nuint inDone, outDone;
            IntPtr error;
            fixed (float* pin = _in)
            fixed (float* pout = _out)
            {
                error = flush
                    ? soxr_process(_handle, null, 0, out inDone, pout, (nuint)_out.Length, out outDone)
                    : soxr_process(_handle, pin + offset, (nuint)(count - offset), out inDone, pout, (nuint)_out.Length, out outDone);
            }
            if (error != IntPtr.Zero) throw new InvalidOperationException($"soxr_process failed: {Marshal.PtrToStringAnsi(error)}");
            for (var i = 0; i < (int)outDone; i++) result.Add((short)Math.Clamp(MathF.Round(_out[i] * 32768f), short.MinValue, short.MaxValue));
            offset += (int)inDone;
            if (flush ? outDone == 0 : offset >= count && outDone < (nuint)_out.Length) break;
        }
        return [.. result];
    }

    public void Dispose()
    {
        if (_handle != IntPtr.Zero) soxr_delete(_handle);
        _handle = IntPtr.Zero;
    }

    [DllImport(Library)] private static extern IntPtr soxr_create(double inputRate, double outputRate, uint channels, out IntPtr error, IntPtr ioSpec, IntPtr qualitySpec, IntPtr runtimeSpec);
    [DllImport(Library)] private static extern IntPtr soxr_process(IntPtr soxr, float* input, nuint inputLength, out nuint inputDone, float* output, nuint outputLength, out nuint outputDone);
    [DllImport(Library)] private static extern void soxr_delete(IntPtr soxr);
}
