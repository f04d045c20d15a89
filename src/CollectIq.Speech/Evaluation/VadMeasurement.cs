using System.Diagnostics;
using CollectIq.Speech.Audio;
using CollectIq.Speech.TextToSpeech;
using CollectIq.Speech.Vad;

namespace CollectIq.Speech.Evaluation;

/// <summary>Frame-level VAD quality on phone-line clips, plus turn detection through the endpointer.</summary>
public sealed record VadScore(string Detector, double NoiseDbfs, double FrameAccuracy, double MissRate, double FalseAlarmRate, int TurnsFound, int Turns, int SpuriousStarts, double MicrosecondsPerFrame);

/// <summary>
/// Measures each detector on synthesized sentences (flite and espeak voices) with 0.8 s of line noise
/// around them, through the phone path. Ground truth per 20 ms frame comes from the clean synthesis
/// (frame above -45 dBFS = speech), so it marks the words, not the pauses around them.
/// </summary>
public static class VadMeasurement
{
    public static async Task<IReadOnlyList<VadScore>> RunAsync(IEnumerable<IVoiceActivityDetectorFactory> detectors, IReadOnlyList<string> sentences, IReadOnlyList<ITextToSpeech> voices, double[] noiseLevels)
    {
        var clips = new List<(PcmAudio Clean, string Voice)>();
        foreach (var v in voices)
        foreach (var s in sentences)
            clips.Add((await v.SynthesizeAllAsync(s), v.Capabilities.Engine));
        var results = new List<VadScore>();
        foreach (var noise in noiseLevels)
        foreach (var factory in detectors)
        {
            int frames = 0, right = 0, speechFrames = 0, missed = 0, silentFrames = 0, falseAlarms = 0, found = 0, spurious = 0;
            var ticks = 0L;
            var seed = 0;
            foreach (var (clean, _) in clips)
            {
                var pad = PcmAudio.Silence(TimeSpan.FromMilliseconds(800), clean.SampleRate);
                var truthAudio = pad.Concat(clean).Concat(pad);
                var phone = PhoneLine.Simulate(truthAudio, noise, ++seed).Samples;
                using var vad = factory.Create();
                var endpointer = new Endpointer(vad, new EndpointerOptions());
                var starts = 0;
                for (var i = 0; i + 160 <= phone.Length; i += 160)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    var evt = endpointer.Process(phone.AsSpan(i, 160));
                    ticks += Stopwatch.GetTimestamp() - t0;
                    if (evt == EndpointEvent.SpeechStarted) starts++;
                    var truth = AudioLevel.Dbfs(truthAudio.Samples.AsSpan(i, 160)) > -45;
                    var said = endpointer.LastProbability >= 0.5f;
                    frames++;
                    if (truth == said) right++;
                    if (truth) { speechFrames++; if (!said) missed++; }
                    else { silentFrames++; if (said) falseAlarms++; }
                }
                if (starts >= 1) found++;
                spurious += Math.Max(0, starts - 1);
            }
            results.Add(new VadScore(factory.Name, noise, right / (double)frames, missed / (double)Math.Max(1, speechFrames),
                falseAlarms / (double)Math.Max(1, silentFrames), found, clips.Count, spurious,
                ticks * 1e6 / Stopwatch.Frequency / frames));
        }
        return results;
    }

    public static string ToMarkdown(IReadOnlyList<VadScore> rows) =>
        string.Join('\n', new[]
        {
            "| detector | line noise dBFS | frame accuracy | miss | false alarm | turns found | extra starts | µs / 20 ms frame |",
            "|---|---|---|---|---|---|---|---|",
        }.Concat(rows.Select(r => $"| {r.Detector} | {r.NoiseDbfs} | {r.FrameAccuracy:P1} | {r.MissRate:P1} | {r.FalseAlarmRate:P1} | {r.TurnsFound}/{r.Turns} | {r.SpuriousStarts} | {r.MicrosecondsPerFrame:0.0} |")));
}
