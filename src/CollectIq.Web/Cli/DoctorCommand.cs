using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using CollectIq.Telephony.Twilio;
using CollectIq.Web.Doctor;
using CollectIq.Web.Hosting;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace CollectIq.Web.Cli;

/// <summary>
/// <c>doctor</c>: the settings page's checks in the terminal. Starts the service in-process (its own
/// loopback port, so a running ./run is not disturbed) to get the same settings, then checks from the
/// outside as Twilio would: GET PUBLIC_URL/health and a Twilio-signed WebSocket upgrade to the media
/// stream through PUBLIC_URL. Without PUBLIC_URL (simulated telephony) PUBLIC_URL is that instance itself.
/// Exit code 0 when every check passes, 1 otherwise.
/// </summary>
public static class DoctorCommand
{
    public static Command Create()
    {
        var command = new Command("doctor", "Check that PUBLIC_URL is reachable and that the media-stream WebSocket upgrade answers 101.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((parse, ct) => RunAsync(parse.UnmatchedTokens.ToArray(), AnsiConsole.Console, ct));
        return command;
    }

    public static async Task<int> RunAsync(string[] hostArgs, IAnsiConsole console, CancellationToken ct)
    {
        var settings = new Dictionary<string, string?>
        {
            ["CollectIq:Banner"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            // Our probe closes the socket before any "start"; the session's note about that is not news here.
            ["Logging:LogLevel:CollectIq.Telephony.MediaStreams.MediaStreamSession"] = "Error",
        };
        if (!hostArgs.Any(a => a.StartsWith("--urls", StringComparison.Ordinal))) settings["urls"] = $"http://127.0.0.1:{FreePort()}";
        var builder = CollectIqApp.CreateBuilder(hostArgs, settings);
        await using var app = CollectIqApp.Build(builder);
        await app.StartAsync(ct);
        try
        {
            var twilio = app.Services.GetRequiredService<IOptions<TwilioOptions>>().Value;
            var simulated = app.Services.GetService<Simulator.Hosting.SimulatedTelephony>() is not null;
            console.MarkupLineInterpolated($"Twilio mode: [bold]{(simulated ? "simulated" : "real")}[/]   PUBLIC_URL: [bold]{twilio.PublicUrl ?? "(unset)"}[/]");
            var checks = await app.Services.GetRequiredService<DoctorChecks>().RunAsync(ct);
            Print(checks, console);
            return checks.All(c => c.Passed) ? 0 : 1;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    public static void Print(IEnumerable<DoctorCheck> checks, IAnsiConsole console)
    {
        foreach (var check in checks)
        {
            var verdict = check.Passed ? "[green]PASS[/]" : "[red]FAIL[/]";
            console.MarkupLine($"{verdict} {Markup.Escape(check.Name)}: {Markup.Escape(check.Detail)}");
            if (check.Fix is not null) console.MarkupLine($"     [yellow]{Markup.Escape(check.Fix)}[/]");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
