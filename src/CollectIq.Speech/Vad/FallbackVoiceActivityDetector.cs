namespace CollectIq.Speech.Vad;

/// <summary>
/// A detector that switches to a fallback for the rest of the stream the first time its primary throws,
/// so one call's VAD failure (an ONNX Runtime error, a session freed at shutdown, memory pressure) degrades
/// that call instead of failing every later frame of its receive loop. Not thread-safe, like any detector.
/// </summary>
public sealed class FallbackVoiceActivityDetector : IVoiceActivityDetector
{
    private readonly IVoiceActivityDetector _primary;
    private readonly Func<IVoiceActivityDetector> _createFallback;
    private readonly Action<string, Exception>? _onFailure;
    private IVoiceActivityDetector _current;
    private bool _failedOver;

    /// <param name="onFailure">Called once, with the primary's name and its exception, when it fails over.</param>
    public FallbackVoiceActivityDetector(IVoiceActivityDetector primary, Func<IVoiceActivityDetector> createFallback, Action<string, Exception>? onFailure = null)
    {
        _primary = _current = primary;
        _createFallback = createFallback;
        _onFailure = onFailure;
    }

    /// <summary>The active engine's name: the primary's until it fails, then the fallback's.</summary>
    public string Name => _current.Name;

    /// <summary>True once the primary has failed and the fallback scores the frames.</summary>
    public bool FailedOver => _failedOver;

    public float Process(ReadOnlySpan<short> frame)
    {
        if (_failedOver) return _current.Process(frame);
        try
        {
            return _primary.Process(frame);
        }
        // Any failure of the primary engine: the fallback is a few lines of arithmetic that cannot fail the same way.
        catch (Exception e)
        {
            _failedOver = true;
            _current = _createFallback();
            try { _primary.Dispose(); } catch (Exception) { /* already broken; the failure is reported below */ }
            _onFailure?.Invoke(_primary.Name, e);
            return _current.Process(frame);
        }
    }

    public void Reset() => _current.Reset();

    public void Dispose() => _current.Dispose(); // the primary, or (after a failure) the fallback: the primary is already disposed
}
