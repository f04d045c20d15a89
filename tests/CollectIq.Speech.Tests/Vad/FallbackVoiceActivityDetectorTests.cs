using CollectIq.Speech.Vad;

namespace CollectIq.Speech.Tests.Vad;

public class FallbackVoiceActivityDetectorTests
{
    [Fact]
    public void Process_PrimaryThrows_FallbackScoresThisAndLaterFramesAndTheFailureIsReportedOnce()
    {
        var primary = new TestDetector("silero") { OnProcess = _ => throw new InvalidOperationException("onnx failed") };
        var fallback = new TestDetector("energy") { OnProcess = _ => 0.75f };
        var failures = new List<(string Engine, Exception Error)>();
        using var vad = new FallbackVoiceActivityDetector(primary, () => fallback, (engine, e) => failures.Add((engine, e)));

        var first = vad.Process(new short[160]);
        var second = vad.Process(new short[160]);

        Assert.Equal(0.75f, first);
        Assert.Equal(0.75f, second);
        Assert.True(vad.FailedOver);
        Assert.Equal("energy", vad.Name);
        Assert.Equal(1, primary.Calls);
        Assert.Equal(2, fallback.Calls);
        Assert.True(primary.Disposed);
        var failure = Assert.Single(failures);
        Assert.Equal("silero", failure.Engine);
        Assert.Equal("onnx failed", failure.Error.Message);
    }

    [Fact]
    public void Process_PrimaryWorks_FallbackIsNeverCreated()
    {
        var primary = new TestDetector("silero") { OnProcess = _ => 0.2f };
        var created = 0;
        var vad = new FallbackVoiceActivityDetector(primary, () => { created++; return new EnergyVad(); });

        Assert.Equal(0.2f, vad.Process(new short[160]));
        vad.Dispose();

        Assert.Equal(0, created);
        Assert.False(vad.FailedOver);
        Assert.True(primary.Disposed);
    }

    [Fact]
    public void Process_RealEnergyFallback_ScoresALoudToneAsSpeech()
    {
        var vad = new FallbackVoiceActivityDetector(new TestDetector("silero") { OnProcess = _ => throw new NullReferenceException() }, () => new EnergyVad());
        var silence = new short[160];
        var tone = Enumerable.Range(0, 160).Select(i => (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 8000.0))).ToArray();

        for (var i = 0; i < 50; i++) vad.Process(silence);
        var p = 0f;
        for (var i = 0; i < 10; i++) p = vad.Process(tone);

        Assert.True(p > 0.5, $"energy probability {p:0.00}");
    }

    private sealed class TestDetector(string name) : IVoiceActivityDetector
    {
        public Func<short[], float> OnProcess { get; init; } = _ => 0;
        public int Calls { get; private set; }
        public bool Disposed { get; private set; }
        public string Name => name;

        public float Process(ReadOnlySpan<short> frame)
        {
            Calls++;
            return OnProcess(frame.ToArray());
        }

        public void Reset() { }
        public void Dispose() => Disposed = true;
    }
}
