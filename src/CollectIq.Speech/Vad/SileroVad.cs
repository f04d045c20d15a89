using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace CollectIq.Speech.Vad;

/// <summary>
/// Silero VAD v5 (ONNX, from npm @ricky0123/vad-web) at 8 kHz: 256-sample windows (32 ms) with 32
/// samples of context from the previous window, recurrent state carried between windows.
/// The <see cref="InferenceSession"/> is shared (thread-safe Run); each detector owns its state.
/// </summary>
public sealed class SileroVad : IVoiceActivityDetector
{
    private const int Rate = 8000;
    private const int Window = 256;
    private const int Context = 32;
    private readonly InferenceSession _session;
    private readonly float[] _input = new float[Context + Window];
    private float[] _state = new float[2 * 128];
    private int _filled;      // samples of the current window collected so far
    private float _probability;
    private static readonly long[] SampleRate = [Rate];

    internal SileroVad(InferenceSession session) => _session = session;

    public string Name => "silero";

    public float Process(ReadOnlySpan<short> frame)
    {
        foreach (var s in frame)
        {
            _input[Context + _filled++] = s / 32768f;
            if (_filled < Window) continue;
            _probability = RunWindow();
            // The last 32 samples become the next window's context.
            Array.Copy(_input, Window, _input, 0, Context);
            _filled = 0;
        }
        return _probability;
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

    public void Dispose() { }
}

/// <summary>Loads the Silero model once; detectors share the session.</summary>
public sealed class SileroVadFactory : IVoiceActivityDetectorFactory, IDisposable
{
    private readonly InferenceSession _session;

    public SileroVadFactory(string modelPath)
    {
        if (!File.Exists(modelPath))
            throw new FileNotFoundException($"Silero VAD model not found at {modelPath}; run scripts/bootstrap.sh (it fetches it with npm pack).", modelPath);
        var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        _session = new InferenceSession(modelPath, options);
    }

    public string Name => "silero";
    public IVoiceActivityDetector Create() => new SileroVad(_session);
    public void Dispose() => _session.Dispose();
}
