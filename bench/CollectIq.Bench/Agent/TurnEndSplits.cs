using CollectIq.Speech.Audio;
using CollectIq.Speech;
using CollectIq.Speech.Evaluation;
using CollectIq.Speech.TextToSpeech;
using CollectIq.Speech.Vad;

namespace CollectIq.Bench.Agent;

/// <summary>
/// <c>turn-end-splits</c>: how often a payer answer with a comma pause ("Yes, speaking.") is cut into two turns for
/// each end-of-turn silence, with Silero on the phone line (<see cref="EndpointTuning"/>). The speech-eval table uses
/// corpus sentences, most without commas; synthetic voices pause ≈ 250–400 ms at a comma, as people do.
/// </summary>
public static class TurnEndSplits
{
    public static readonly string[] Sentences =
    [
        "Yes, speaking.", "Hold on, wait a moment, I need to find a pen.", "No, sorry, wrong number.", "Yes, this is she.",
        "Okay, I can pay two hundred dollars on Friday.", "Sorry, who is this?", "Well, I already paid that last week.", "Please, stop calling me.",
    ];

    public static async Task<int> RunAsync()
    {
        using var silero = new SileroVadFactory(SpeechPaths.SileroModel());
        ITextToSpeech[] voices = [new FliteTextToSpeech("rms"), new FliteTextToSpeech("slt"), new FliteTextToSpeech("kal"), new EspeakTextToSpeech("en-us+f3", 140)];
        var rows = await EndpointTuning.RunAsync(silero, voices, Sentences, [200, 250, 300, 400, 500]);
        Console.WriteLine($"Turn-end silence on answers with a comma ({Sentences.Length} sentences × flite rms/slt/kal + espeak-ng en-us+f3, Silero, phone line):\n");
        Console.WriteLine(EndpointTuning.ToMarkdown(rows));
        await PauseGapsAsync(silero, voices);
        return 0;
    }

    /// <summary>
    /// At the production end silence (200 ms): for each split, the pause the engine sees between the end of one part
    /// and the VAD onset of the next, and how many splits <c>Agent:Conversation:MergeContinuationWithinMs</c> (500 ms)
    /// answers as one turn (ConversationEngine.Continuation.cs).
    /// </summary>
    private static async Task PauseGapsAsync(SileroVadFactory silero, ITextToSpeech[] voices, int endSilenceMs = 200, int mergeWithinMs = 500)
    {
        var gaps = new List<double>();
        var splitAnswers = 0;
        var mergedAnswers = 0;
        var seed = 0;
        foreach (var voice in voices)
        foreach (var sentence in Sentences)
        {
            var speech = await voice.SynthesizeAllAsync(sentence);
            var pad = PcmAudio.Silence(TimeSpan.FromMilliseconds(500), 8000);
            var phone = PhoneLine.Simulate(pad.Concat(speech).Concat(PcmAudio.Silence(TimeSpan.FromSeconds(2), 8000)), -50, ++seed).Samples;
            using var detector = silero.Create();
            var endpointer = new Endpointer(detector, new EndpointerOptions { EndSilenceMs = endSilenceMs, HoldEndSilenceMs = 1000 });
            double? lastEnd = null;
            var answerGaps = new List<double>();
            for (var i = 0; i + 160 <= phone.Length; i += 160)
            {
                switch (endpointer.Process(phone.AsSpan(i, 160)))
                {
                    case EndpointEvent.SpeechStarted when lastEnd is { } end:
                        answerGaps.Add(endpointer.SpeechStart.TotalMilliseconds - end);
                        break;
                    case EndpointEvent.TurnEnded:
                        lastEnd = endpointer.Position.TotalMilliseconds - endSilenceMs; // last voiced frame
                        break;
                }
            }
            if (answerGaps.Count == 0) continue;
            splitAnswers++;
            gaps.AddRange(answerGaps);
            if (answerGaps.All(g => g <= mergeWithinMs)) mergedAnswers++;
        }
        Console.WriteLine($"\nAt {endSilenceMs} ms end silence: {splitAnswers} answers split, {gaps.Count} pauses; pause (part end → next onset) "
            + (gaps.Count > 0 ? $"min {gaps.Min():0} / median {gaps.Order().ElementAt(gaps.Count / 2):0} / max {gaps.Max():0} ms" : "n/a")
            + $"; answered as one turn with MergeContinuationWithinMs = {mergeWithinMs}: {mergedAnswers} of {splitAnswers}.");
    }
}
