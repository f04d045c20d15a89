using System.CommandLine;
using CollectIq.Speech.Evaluation;

namespace CollectIq.Web.Cli;

/// <summary><c>transcribe &lt;file.wav&gt; [--grammar yesno|identity|amount|date|intent|open]</c>: the embedded recognizer on any WAV (µ-law or PCM, any rate).</summary>
public static class TranscribeCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file.wav") { Description = "A WAV file: µ-law or PCM, any sample rate" };
        var grammar = new Option<string?>("--grammar") { Description = "Dialog-state grammar: yesno, identity, amount, date, intent or open (default)" };
        var command = new Command("transcribe", "Print what the embedded recognizer (pocketsphinx) hears in a WAV file.");
        command.Arguments.Add(file);
        command.Options.Add(grammar);
        command.SetAction((parse, ct) =>
        {
            string[] args = parse.GetValue(grammar) is { } g ? [parse.GetValue(file)!.FullName, "--grammar", g] : [parse.GetValue(file)!.FullName];
            return SpeechCommands.TranscribeAsync(args, Console.Out, cancellationToken: ct);
        });
        return command;
    }
}
