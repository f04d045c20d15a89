using CollectIq.Speech.Audio;
using CollectIq.Speech.SpeechToText.PocketSphinx;
using CollectIq.Speech.TextToSpeech;
using CollectIq.Speech.Vad;

namespace CollectIq.Speech.Tests;

/// <summary>Real engines, loaded once for the test run (model loading is the slow part).</summary>
public sealed class EngineFixture : IDisposable
{
    private readonly Lazy<PocketSphinxSpeechToText> _stt = new(() => new PocketSphinxSpeechToText());
    private readonly Lazy<SileroVadFactory> _silero = new(() => new SileroVadFactory(SpeechPaths.SileroModel()));

    public FliteTextToSpeech Flite { get; } = new("rms");
    public EspeakTextToSpeech Espeak { get; } = new();
    public PocketSphinxSpeechToText Stt => _stt.Value;
    public SileroVadFactory Silero => _silero.Value;

    public IVoiceActivityDetectorFactory Vad(VadKind kind) => kind switch
    {
        VadKind.Silero => Silero,
        VadKind.WebRtc => new WebRtcVadFactory(),
        _ => new EnergyVadFactory(),
    };

    /// <summary>A sentence as heard on the phone: pauses around it, band-limited, 8 kHz µ-law, light line noise.</summary>
    public async Task<(PcmAudio Audio, TimeSpan SpeechStart, TimeSpan SpeechEnd)> PhoneSpeechAsync(string text, double padSeconds = 1.0, double noiseDbfs = -60, int seed = 1)
    {
        var speech = await Flite.SynthesizeAllAsync(text);
        var pad = PcmAudio.Silence(TimeSpan.FromSeconds(padSeconds), speech.SampleRate);
        var audio = PhoneLine.Simulate(pad.Concat(speech).Concat(pad), noiseDbfs, seed);
        return (audio, TimeSpan.FromSeconds(padSeconds), TimeSpan.FromSeconds(padSeconds) + speech.Duration);
    }

    public void Dispose()
    {
        if (_stt.IsValueCreated) _stt.Value.Dispose();
        if (_silero.IsValueCreated) _silero.Value.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<EngineFixture>
{
    public const string Name = "engines";
}
