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
        return 0;
    }
}
