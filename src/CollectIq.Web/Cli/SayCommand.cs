using System.CommandLine;
using CollectIq.Speech.Evaluation;

namespace CollectIq.Web.Cli;

/// <summary><c>say "&lt;text&gt;" --out &lt;file.wav&gt; [--engine flite|espeak] [--voice name]</c>: writes 8 kHz µ-law speech.</summary>
public static class SayCommand
{
    public static Command Create()
    {
        var text = new Argument<string>("text") { Description = "What to say" };
        var output = new Option<FileInfo>("--out") { Description = "WAV file to write (8 kHz µ-law)", Required = true };
        var engine = new Option<string?>("--engine") { Description = "flite (default) or espeak" };
        var voice = new Option<string?>("--voice") { Description = "Voice name (flite: rms, slt, awb, kal16, kal; espeak: en-us, …)" };
        var command = new Command("say", "Synthesize text as telephone audio (8 kHz µ-law WAV).");
        command.Arguments.Add(text);
        command.Options.Add(output);
        command.Options.Add(engine);
        command.Options.Add(voice);
        command.SetAction((parse, ct) =>
        {
            var args = new List<string> { parse.GetValue(text)!, "--out", parse.GetValue(output)!.FullName };
            if (parse.GetValue(engine) is { } e) args.AddRange(["--engine", e]);
            if (parse.GetValue(voice) is { } v) args.AddRange(["--voice", v]);
            return SpeechCommands.SayAsync([.. args], Console.Out, cancellationToken: ct);
        });
        return command;
    }
}
