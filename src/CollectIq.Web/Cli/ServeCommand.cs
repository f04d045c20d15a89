using System.CommandLine;
using CollectIq.Web.Hosting;

namespace CollectIq.Web.Cli;

/// <summary><c>serve</c> (also the default): runs the web service until Ctrl+C.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Run the CollectIQ service (the default). ASP.NET options such as --urls are accepted.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((parse, ct) => RunAsync(parse.UnmatchedTokens.ToArray(), ct));
        return command;
    }

    public static async Task<int> RunAsync(string[] hostArgs, CancellationToken ct)
    {
        var app = CollectIqApp.Build(CollectIqApp.CreateBuilder(hostArgs));
        await app.RunAsync();
        return 0;
    }
}
