using CollectIq.Speech.Audio;

namespace CollectIq.Speech.Vad;

/// <summary>
/// Energy detector with an adaptive noise floor: speech when the frame is <see cref="MarginDb"/> above the
/// tracked floor and above an absolute minimum. No model and no native code: the last-resort fallback.
/// </summary>
public sealed class EnergyVad(double marginDb = 12, double minimumDbfs = -50) : IVoiceActivityDetector
{
    private double _floorDb = -60;
    private int _frames;

    public string Name => "energy";
    public double MarginDb { get; } = marginDb;

    public float Process(ReadOnlySpan<short> frame)
    {
        var db = AudioLevel.Dbfs(frame);
        _frames++;
        // The floor follows quiet frames quickly and loud ones very slowly, so speech does not raise it.
        var rate = db < _floorDb ? 0.3 : _frames < 10 ? 0.2 : 0.005;
        _floorDb += (db - _floorDb) * rate;
        var above = db - Math.Max(_floorDb, -70);
        if (db < minimumDbfs) return 0;
        // Map "margin dB above the floor" to 0.5; saturate 6 dB either side.
        return (float)Math.Clamp(0.5 + (above - MarginDb) / 12.0, 0, 1);
    }

    public void Reset()
    {
        _floorDb = -60;
        _frames = 0;
    }

    public void Dispose() { }
}

public sealed class EnergyVadFactory : IVoiceActivityDetectorFactory
{
    public string Name => "energy";
    public IVoiceActivityDetector Create() => new EnergyVad();
}
