using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace CollectIq.Speech.Vad;

/// <summary>
/// Silero VAD v5 (ONNX, from npm @ricky0123/vad-web) at 8 kHz: 256-sample windows (32 ms) with 32
/// samples of context from the previous window, recurrent state carried between windows.
/// The <see cref="InferenceSession"/> is shared (thread-safe Run); each detector owns its state.
/// </summary>
/// <remarks>
/// A detector holds a reference on the shared session, so the factory's Dispose at host shutdown never
/// frees the native session under a call that is still streaming (that was a NullReferenceException inside
/// <c>InferenceSession.Run</c>, see docs/SPEECH.md). A failed window leaves the detector usable, and use
/// from two threads at once fails with a typed error instead of corrupting the recurrent state.
/// </remarks>
public sealed class SileroVad : IVoiceActivityDetector
{
    private const int Rate = 8000;
    private const int Window = 256;
    private const int Context = 32;
    private readonly SharedSileroSession _shared;
    private readonly InferenceSession _session;
    private readonly float[] _input = new float[Context + Window];
    private float[] _state = new float[2 * 128];
    private int _filled;      // samples of the current window collected so far
    private float _probability;
    private int _busy;        // 1 while a thread is inside Process
    private int _disposed;
    private static readonly long[] SampleRate = [Rate];

    internal SileroVad(SharedSileroSession shared)
    {
        _shared = shared;
        _session = shared.Session;
    }

    public string Name => "silero";

    public float Process(ReadOnlySpan<short> frame)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Interlocked.Exchange(ref _busy, 1) != 0)
            throw new InvalidOperationException("A Silero detector was used from two threads at once; it is per call and not thread-safe.");
        try
        {
            foreach (var s in frame)
            {
                _input[Context + _filled++] = s / 32768f;
                if (_filled < Window) continue;
                // Start the next window before running this one: if Run throws, the detector is still usable
                // (before, _filled stayed at 256 and every later frame threw IndexOutOfRangeException).
                _filled = 0;
                _probability = RunWindow();
                // The last 32 samples become the next window's context.
                Array.Copy(_input, Window, _input, 0, Context);
            }
            return _probability;
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    private float RunWindow()
    {
        var inputs = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor("input", new DenseTensor<float>(_input, [1, Context + Window])),
            NamedOnnxValue.CreateFromTensor("state", new DenseTensor<float>(_state, [2, 1, 128])),
            NamedOnnxValue.CreateFromTensor("sr", new DenseTensor<long>(SampleRate, [1])),
        };
        using var results = _session.Run(inputs);
        float probability = 0;
        foreach (var r in results)
        {
            if (r.Name == "output") probability = r.AsTensor<float>().GetValue(0);
            else if (r.Name == "stateN") _state = r.AsTensor<float>().ToArray();
        }
        return probability;
    }

    public void Reset()
    {
        Array.Clear(_input);
        _state = new float[2 * 128];
        _filled = 0;
        _probability = 0;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) _shared.Release();
    }
}

/// <summary>
/// The one <see cref="InferenceSession"/> of a factory, reference-counted: the factory holds one reference
/// and every live detector one more; the native session is freed when the last is released.
/// </summary>
internal sealed class SharedSileroSession(InferenceSession session)
{
    private int _references = 1; // the factory's

    public InferenceSession Session { get; } = session;

    public bool IsSessionDisposed => Volatile.Read(ref _references) == 0;

    /// <returns>false once the count has reached zero (the session is gone).</returns>
    public bool TryAddReference()
    {
        while (true)
        {
            var n = Volatile.Read(ref _references);
            if (n == 0) return false;
            if (Interlocked.CompareExchange(ref _references, n + 1, n) == n) return true;
        }
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0) Session.Dispose();
    }
}

/// <summary>
/// Loads the Silero model once; detectors share the session. Dispose (host shutdown) lets detectors still
/// in use finish: the session is freed when the last of them is disposed. Create after Dispose throws
/// <see cref="ObjectDisposedException"/>.
/// </summary>
public sealed class SileroVadFactory : IVoiceActivityDetectorFactory, IDisposable
{
    private readonly SharedSileroSession _shared;
    private int _disposed;

    public SileroVadFactory(string modelPath)
    {
        if (!File.Exists(modelPath))
            throw new FileNotFoundException($"Silero VAD model not found at {modelPath}; run scripts/bootstrap.sh (it fetches it with npm pack).", modelPath);
        var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        _shared = new SharedSileroSession(new InferenceSession(modelPath, options));
    }

    public string Name => "silero";

    /// <summary>True once the factory and every detector it created are disposed.</summary>
    internal bool IsSessionDisposed => _shared.IsSessionDisposed;

    public IVoiceActivityDetector Create()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0 || !_shared.TryAddReference(), this);
        return new SileroVad(_shared);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) _shared.Release();
    }
}
