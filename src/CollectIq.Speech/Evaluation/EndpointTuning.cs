using CollectIq.Speech.Audio;
using CollectIq.Speech.TextToSpeech;
using CollectIq.Speech.Vad;

namespace CollectIq.Speech.Evaluation;

public sealed record EndpointScore(int EndSilenceMs, int Clips, int SplitTurns, double MeanDelayMs, double MaxDelayMs);

/// <summary>
/// Tunes the turn-end silence: for each candidate, how many sentences are cut in two (a pause inside
/// the sentence mistaken for the end) and how long after the last word the turn ends.
/// </summary>
public static class EndpointTuning
{
    public static async Task<IReadOnlyList<EndpointScore>> RunAsync(IVoiceActivityDetectorFactory vad, IReadOnlyList<ITextToSpeech> voices, IReadOnlyList<string> sentences, int[] candidates)
    {
        var clips = new List<(short[] Phone, double SpeechEndMs)>();
        var seed = 0;
        foreach (var v in voices)
        foreach (var s in sentences)
        {
            var speech = await v.SynthesizeAllAsync(s);
            // Where the words really end: last 20 ms frame of the clean synthesis above -45 dBFS.
            var lastLoud = 0;
            for (var i = 0; i + 160 <= speech.Samples.Length; i += 160)
                if (AudioLevel.Dbfs(speech.Samples.AsSpan(i, 160)) > -45) lastLoud = i + 160;
            var pad = PcmAudio.Silence(TimeSpan.FromMilliseconds(500), 8000);
            var phone = PhoneLine.Simulate(pad.Concat(speech).Concat(PcmAudio.Silence(TimeSpan.FromSeconds(2), 8000)), -50, ++seed).Samples;
            clips.Add((phone, 500 + lastLoud / 8.0));
        }
        var results = new List<EndpointScore>();
        foreach (var ms in candidates)
        {
            var splits = 0;
            var delays = new List<double>();
            foreach (var (phone, endMs) in clips)
            {
                using var detector = vad.Create();
                var endpointer = new Endpointer(detector, new EndpointerOptions { EndSilenceMs = ms, HoldEndSilenceMs = Math.Max(ms, 1000) });
                var ends = new List<double>();
                for (var i = 0; i + 160 <= phone.Length; i += 160)
                    if (endpointer.Process(phone.AsSpan(i, 160)) == EndpointEvent.TurnEnded) ends.Add(endpointer.Position.TotalMilliseconds);
                if (ends.Count > 1 || (ends.Count == 1 && ends[0] < endMs)) splits++;
                if (ends.Count > 0) delays.Add(ends[^1] - endMs);
            }
            results.Add(new EndpointScore(ms, clips.Count, splits, delays.Average(), delays.Max()));
        }
        return results;
    }

    public static string ToMarkdown(IReadOnlyList<EndpointScore> rows) =>
        string.Join('\n', new[]
        {
            "| end silence ms | sentences | cut in two | turn end after last word: mean ms | max ms |",
            "|---|---|---|---|---|",
        }.Concat(rows.Select(r => $"| {r.EndSilenceMs} | {r.Clips} | {r.SplitTurns} | {r.MeanDelayMs:0} | {r.MaxDelayMs:0} |")));
}
