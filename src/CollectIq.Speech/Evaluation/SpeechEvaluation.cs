using System.Diagnostics;
using CollectIq.Speech.Audio;
using CollectIq.Speech.Recognition;
using CollectIq.Speech.SpeechToText;
using CollectIq.Speech.TextToSpeech;

namespace CollectIq.Speech.Evaluation;

/// <summary>One corpus utterance scored.</summary>
public sealed record UtteranceScore(CorpusVoice Voice, CorpusSentence Sentence, RecognitionResult Result, int WordErrors, int ReferenceWords, double DecodeSeconds)
{
    /// <summary>In-domain: intent, amount and date all right. Out-of-domain: rejected (no intent).</summary>
    public bool Correct => Sentence.InDomain
        ? Result.Answer.Intent == Sentence.Intent && Result.Answer.Amount == Sentence.Amount && Result.Answer.Date == Sentence.Date
        : Result.Answer.Intent == SpokenIntent.Unknown;

    public bool FalseIntent => !Sentence.InDomain && Result.Answer.Intent != SpokenIntent.Unknown;
}

/// <summary>Per-voice summary row of the accuracy table.</summary>
public sealed record VoiceSummary(string Voice, int InDomain, double IntentAccuracy, double WordAccuracy, int OutOfDomain, double FalseIntentRate, double RealTimeFactor, double MeanFinalizeMs);

/// <summary>
/// Synthesizes the corpus with each voice, passes it through the phone line (band-pass, 8 kHz, µ-law, light
/// noise), recognizes it with the per-state grammar and scores it. Used by tests (small subsets) and by
/// the CLI runner (`./run speech-eval`).
/// </summary>
public sealed class SpeechEvaluation(ISpeechToText stt, Func<CorpusVoice, ITextToSpeech> voices, double noiseDbfs = -55)
{
    public async Task<IReadOnlyList<UtteranceScore>> RunAsync(IEnumerable<CorpusVoice> speakers, IEnumerable<CorpusSentence> sentences, Action<int, int>? progress = null, CancellationToken cancellationToken = default)
    {
        var work = (from v in speakers from s in sentences select (v, s)).ToList();
        var scores = new List<UtteranceScore>(work.Count);
        var seed = 0;
        foreach (var (voice, sentence) in work)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var phone = await PhoneAudioAsync(voice, sentence.Text, ++seed, cancellationToken);
            var started = Stopwatch.GetTimestamp();
            var result = await stt.RecognizeAsync(phone, sentence.Expected, cancellationToken);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var reference = Words(sentence.Text);
            scores.Add(new UtteranceScore(voice, sentence, result, WordErrors(reference, Words(result.Text)), reference.Length, seconds));
            progress?.Invoke(scores.Count, work.Count);
        }
        return scores;
    }

    /// <summary>The sentence as the recognizer hears it on a call: 8 kHz µ-law with line noise and pauses around it.</summary>
    public async Task<PcmAudio> PhoneAudioAsync(CorpusVoice voice, string text, int seed, CancellationToken cancellationToken = default)
    {
        var tts = voices(voice);
        var speech = await tts.SynthesizeAllAsync(text, new SpeechVoice(Rate: voice.Rate), cancellationToken);
        var padded = PcmAudio.Silence(TimeSpan.FromMilliseconds(300), speech.SampleRate).Concat(speech).Concat(PcmAudio.Silence(TimeSpan.FromMilliseconds(300), speech.SampleRate));
        return PhoneLine.Simulate(padded, noiseDbfs, seed);
    }

    public static IReadOnlyList<VoiceSummary> Summarise(IReadOnlyList<UtteranceScore> scores) =>
        scores.GroupBy(s => s.Voice.ToString()).Append(scores.GroupBy(_ => "ALL").Single())
            .Select(g =>
            {
                var inDomain = g.Where(s => s.Sentence.InDomain).ToList();
                var ood = g.Where(s => !s.Sentence.InDomain).ToList();
                var words = inDomain.Sum(s => s.ReferenceWords);
                var audio = g.Sum(s => s.Result.AudioDuration.TotalSeconds);
                return new VoiceSummary(g.Key, inDomain.Count,
                    inDomain.Count == 0 ? 0 : inDomain.Count(s => s.Correct) / (double)inDomain.Count,
                    words == 0 ? 0 : 1 - inDomain.Sum(s => s.WordErrors) / (double)words,
                    ood.Count, ood.Count == 0 ? 0 : ood.Count(s => s.FalseIntent) / (double)ood.Count,
                    audio == 0 ? 0 : g.Sum(s => s.DecodeSeconds) / audio,
                    g.Average(s => s.Result.FinalizeTime.TotalMilliseconds));
            }).ToList();

    public static string[] Words(string text) =>
        new string(text.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) || c == '\'' ? c : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Levenshtein distance over words (substitutions + insertions + deletions).</summary>
    public static int WordErrors(IReadOnlyList<string> reference, IReadOnlyList<string> hypothesis)
    {
        var d = new int[reference.Count + 1, hypothesis.Count + 1];
        for (var i = 0; i <= reference.Count; i++) d[i, 0] = i;
        for (var j = 0; j <= hypothesis.Count; j++) d[0, j] = j;
        for (var i = 1; i <= reference.Count; i++)
        for (var j = 1; j <= hypothesis.Count; j++)
            d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (reference[i - 1] == hypothesis[j - 1] ? 0 : 1));
        return d[reference.Count, hypothesis.Count];
    }

    /// <summary>Markdown table of the summaries.</summary>
    public static string ToMarkdown(IReadOnlyList<VoiceSummary> rows)
    {
        var lines = new List<string>
        {
            "| voice | in-domain | intent+slots correct | word accuracy | out-of-domain | false intents | RTF | finalise ms |",
            "|---|---|---|---|---|---|---|---|",
        };
        lines.AddRange(rows.Select(r => $"| {r.Voice} | {r.InDomain} | {r.IntentAccuracy:P1} | {r.WordAccuracy:P1} | {r.OutOfDomain} | {r.FalseIntentRate:P1} | {r.RealTimeFactor:0.000} | {r.MeanFinalizeMs:0.0} |"));
        return string.Join('\n', lines);
    }
}
