using CollectIq.Speech.Vad;
using Microsoft.ML.OnnxRuntime;

namespace CollectIq.Speech.Tests.Vad;

/// <summary>
/// The shared Silero session under a 40-call load and at host shutdown (docs/SPEECH.md, "Silero VAD under load").
/// Each test loads its own factory so disposing it cannot disturb the other tests.
/// </summary>
[Collection(EngineCollection.Name)]
public class SileroVadTests(EngineFixture engines)
{
    private const int Calls = 40;

    [Fact]
    public async Task Process_FortyDetectorsOnPoolThreads_EachScoresLikeADetectorAlone()
    {
        var (audio, _, _) = await engines.PhoneSpeechAsync("I can pay two hundred dollars on Friday.");
        using var factory = new SileroVadFactory(SpeechPaths.SileroModel());
        var expected = Score(factory, audio.Samples, repeats: 1);

        var results = await Task.WhenAll(Enumerable.Range(0, Calls).Select(_ => Task.Run(() => Score(factory, audio.Samples, repeats: 2))));

        foreach (var probabilities in results) Assert.Equal(expected.Concat(expected), probabilities);
    }

    [Fact]
    public async Task Dispose_FactoryWhileFortyDetectorsRun_TheyFinishUnharmedAndTheSessionIsFreedAfterTheLast()
    {
        var (audio, _, _) = await engines.PhoneSpeechAsync("Yes, this is she.");
        var factory = new SileroVadFactory(SpeechPaths.SileroModel());
        var expected = Score(factory, audio.Samples, repeats: 1);
        var detectors = Enumerable.Range(0, Calls).Select(_ => factory.Create()).ToArray();
        using var halfway = new CountdownEvent(Calls);
        using var disposed = new ManualResetEventSlim();

        // One thread per call (like one receive loop each): pool threads blocked on the barrier would starve the pool.
        var calls = detectors.Select(vad => Task.Factory.StartNew(() =>
        {
            var probabilities = new List<float>();
            for (var i = 0; i + 160 <= audio.Samples.Length; i += 160)
            {
                if (i == audio.Samples.Length / 2 / 160 * 160)
                {
                    halfway.Signal();
                    disposed.Wait(TimeSpan.FromSeconds(60)); // the host shuts down while every call is mid-stream
                }
                probabilities.Add(vad.Process(audio.Samples.AsSpan(i, 160)));
            }
            return probabilities;
        }, TaskCreationOptions.LongRunning)).ToArray();
        Assert.True(halfway.Wait(TimeSpan.FromSeconds(60)));
        factory.Dispose();
        disposed.Set();

        foreach (var probabilities in await Task.WhenAll(calls)) Assert.Equal(expected, probabilities);
        Assert.Throws<ObjectDisposedException>(() => factory.Create());
        Assert.False(factory.IsSessionDisposed);
        foreach (var vad in detectors[..^1]) vad.Dispose();
        Assert.False(factory.IsSessionDisposed);
        detectors[^1].Dispose();
        Assert.True(factory.IsSessionDisposed);
    }

    [Fact]
    public void Process_AfterTheModelRunFailed_NextFrameIsAcceptedInsteadOfOverrunningTheWindow()
    {
        // A session freed under the detector is how the 40-call bench failed: one NullReferenceException from
        // InferenceSession.Run, then IndexOutOfRangeException on every later frame of that call.
        var shared = new SharedSileroSession(new InferenceSession(SpeechPaths.SileroModel()));
        var vad = new SileroVad(shared);
        var frame = Tone();
        vad.Process(frame);
        shared.Session.Dispose();

        Assert.ThrowsAny<Exception>(() => vad.Process(frame)); // the second frame completes the 256-sample window: Run fails
        var next = Record.Exception(() => vad.Process(frame.AsSpan(0, 80))); // 96 + 80 samples: no window to run

        Assert.Null(next);
    }

    [Fact]
    public async Task Process_OneDetectorFromTwoThreads_FailsTypedWithoutCorruptingIt()
    {
        var (audio, _, _) = await engines.PhoneSpeechAsync("Yes, this is she.");
        using var factory = new SileroVadFactory(SpeechPaths.SileroModel());
        using var vad = factory.Create();
        var errors = new List<Exception>();

        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            for (var repeat = 0; repeat < 3; repeat++)
                for (var i = 0; i + 160 <= audio.Samples.Length; i += 160)
                {
                    try { vad.Process(audio.Samples.AsSpan(i, 160)); }
                    catch (Exception e) { lock (errors) errors.Add(e); }
                }
        })));

        Assert.All(errors, e => Assert.IsType<InvalidOperationException>(e));
        vad.Reset();
        Assert.Equal(Score(factory, audio.Samples, repeats: 1), Score(vad, audio.Samples));
    }

    [Fact]
    public void Process_DisposedDetector_ThrowsObjectDisposed()
    {
        using var factory = new SileroVadFactory(SpeechPaths.SileroModel());
        var vad = factory.Create();
        vad.Dispose();

        Assert.Throws<ObjectDisposedException>(() => vad.Process(Tone()));
    }

    private static List<float> Score(SileroVadFactory factory, short[] samples, int repeats)
    {
        using var vad = factory.Create();
        var probabilities = new List<float>();
        for (var r = 0; r < repeats; r++)
        {
            vad.Reset();
            probabilities.AddRange(Score(vad, samples));
        }
        return probabilities;
    }

    private static List<float> Score(IVoiceActivityDetector vad, short[] samples)
    {
        var probabilities = new List<float>();
        for (var i = 0; i + 160 <= samples.Length; i += 160) probabilities.Add(vad.Process(samples.AsSpan(i, 160)));
        return probabilities;
    }

    private static short[] Tone() => Enumerable.Range(0, 160).Select(i => (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 8000.0))).ToArray();
}
