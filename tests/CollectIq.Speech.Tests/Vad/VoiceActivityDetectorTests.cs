using CollectIq.Speech.Audio;
using CollectIq.Speech.Vad;

namespace CollectIq.Speech.Tests.Vad;

[Collection(EngineCollection.Name)]
public class VoiceActivityDetectorTests(EngineFixture engines)
{
    [Theory]
    [InlineData(VadKind.Silero)]
    [InlineData(VadKind.WebRtc)]
    [InlineData(VadKind.Energy)]
    public async Task Process_PhoneLineSentence_SpeechScoresAboveSilence(VadKind kind)
    {
        var (audio, start, end) = await engines.PhoneSpeechAsync("I can pay two hundred dollars on Friday.");
        using var vad = engines.Vad(kind).Create();
        var speech = new List<float>();
        var silence = new List<float>();
        for (var i = 0; i + 160 <= audio.Samples.Length; i += 160)
        {
            var p = vad.Process(audio.Samples.AsSpan(i, 160));
            var t = TimeSpan.FromSeconds(i / 8000.0);
            if (t > start + TimeSpan.FromMilliseconds(100) && t < end - TimeSpan.FromMilliseconds(100)) speech.Add(p);
            else if (t < start - TimeSpan.FromMilliseconds(300) || t > end + TimeSpan.FromMilliseconds(400)) silence.Add(p);
        }
        Assert.True(speech.Average() > 0.5, $"{kind}: mean speech probability {speech.Average():0.00}");
        Assert.True(silence.Average() < 0.3, $"{kind}: mean silence probability {silence.Average():0.00}");
    }

    [Theory]
    [InlineData(VadKind.Silero)]
    [InlineData(VadKind.WebRtc)]
    [InlineData(VadKind.Energy)]
    public async Task Endpointer_PhoneLineSentence_OneTurnWithStartNearTheWords(VadKind kind)
    {
        var (audio, start, end) = await engines.PhoneSpeechAsync("Yes, this is she.");
        using var vad = engines.Vad(kind).Create();
        var endpointer = new Endpointer(vad, new EndpointerOptions());
        var events = new List<(EndpointEvent Event, TimeSpan At)>();
        for (var i = 0; i + 160 <= audio.Samples.Length; i += 160)
        {
            var e = endpointer.Process(audio.Samples.AsSpan(i, 160));
            if (e != EndpointEvent.None) events.Add((e, endpointer.Position));
        }
        Assert.Equal([EndpointEvent.SpeechStarted, EndpointEvent.TurnEnded], events.Select(e => e.Event));
        Assert.InRange(endpointer.SpeechStart, start - TimeSpan.FromMilliseconds(250), start + TimeSpan.FromMilliseconds(300));
        Assert.InRange(events[1].At, end, end + TimeSpan.FromMilliseconds(900));
    }

    [Theory]
    [InlineData(VadKind.Silero)]
    [InlineData(VadKind.WebRtc)]
    [InlineData(VadKind.Energy)]
    public void Endpointer_LineNoiseOnly_NeverStartsSpeech(VadKind kind)
    {
        var noise = PhoneLine.Simulate(PcmAudio.Silence(TimeSpan.FromSeconds(3), 16000), noiseDbfs: -50, seed: 7);
        using var vad = engines.Vad(kind).Create();
        var endpointer = new Endpointer(vad, new EndpointerOptions());
        for (var i = 0; i + 160 <= noise.Samples.Length; i += 160)
            Assert.NotEqual(EndpointEvent.SpeechStarted, endpointer.Process(noise.Samples.AsSpan(i, 160)));
    }
}
