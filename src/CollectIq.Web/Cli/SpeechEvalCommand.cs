using System.CommandLine;
using CollectIq.Speech.Evaluation;

namespace CollectIq.Web.Cli;

/// <summary><c>speech-eval [--quick] [--dev] [--vad]</c>: regenerates the speech corpus and prints the accuracy tables.</summary>
public static class SpeechEvalCommand
{
    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "A third of the sentences, no VAD/resampler tables" };
        var dev = new Option<bool>("--dev") { Description = "Development voices instead of the evaluation voices" };
        var vad = new Option<bool>("--vad") { Description = "With --quick: still print the VAD and endpointing tables" };
        var command = new Command("speech-eval", "Regenerate the speech corpus and print recognition accuracy (with a progress bar).");
        command.Options.Add(quick);
        command.Options.Add(dev);
        command.Options.Add(vad);
        command.SetAction((parse, ct) =>
        {
            var args = new List<string>();
            if (parse.GetValue(quick)) args.Add("--quick");
            if (parse.GetValue(dev)) args.Add("--dev");
            if (parse.GetValue(vad)) args.Add("--vad");
            return SpeechCommands.EvaluateAsync([.. args], Console.Out, ct);
        });
        return command;
    }
}
