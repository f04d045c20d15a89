using System.CommandLine;

namespace CollectIq.Web.Cli;

/// <summary>
/// The command line: no verb or <c>serve</c> runs the service; other verbs live one per file in this
/// folder (<c>XCommand.Create()</c>) and are added to the list below. Tokens a command does not know
/// (<c>--urls …</c>, <c>--ConnectionStrings:CollectIq=…</c>) are passed on to configuration.
/// </summary>
public static class CollectIqCli
{
    public static RootCommand Create()
    {
        var root = new RootCommand("CollectIQ: an AI voice agent for accounts-receivable collections.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.SetAction((parse, ct) => ServeCommand.RunAsync(parse.UnmatchedTokens.ToArray(), ct));

        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(CallCommand.Create());
        root.Subcommands.Add(PlanCommand.Create());
        root.Subcommands.Add(DoctorCommand.Create());
        root.Subcommands.Add(TranscribeCommand.Create());
        root.Subcommands.Add(SayCommand.Create());
        root.Subcommands.Add(SpeechEvalCommand.Create());
        return root;
    }
}
