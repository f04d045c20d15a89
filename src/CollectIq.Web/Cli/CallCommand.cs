using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using CollectIq.Data;
using CollectIq.Outreach.Dialing;
using CollectIq.Simulator.Hosting;
using CollectIq.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace CollectIq.Web.Cli;

/// <summary>
/// <c>call &lt;payerId&gt;</c>: starts the service in-process, places one call through the same path as
/// "Send Outreach", prints what happens as it happens (simulated telephony: every status, stream and
/// mark; real Twilio: status changes from our records), then the final record.
/// </summary>
public static class CallCommand
{
    public static Command Create()
    {
        var payer = new Argument<int>("payerId") { Description = "The payer to call (see GET /api/payers)." };
        var command = new Command("call", "Place one call to a payer and print its progress (simulated unless TWILIO_ACCOUNT_SID is set).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.Arguments.Add(payer);
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(payer), parse.UnmatchedTokens.ToArray(), AnsiConsole.Console, ct));
        return command;
    }

    public static async Task<int> RunAsync(int payerId, string[] hostArgs, IAnsiConsole console, CancellationToken ct)
    {
        var settings = new Dictionary<string, string?>
        {
            ["CollectIq:Banner"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        // A loopback port of our own unless --urls says otherwise, so a running ./run is not disturbed.
        if (!hostArgs.Any(a => a.StartsWith("--urls", StringComparison.Ordinal))) settings["urls"] = $"http://127.0.0.1:{FreePort()}";
        var builder = CollectIqApp.CreateBuilder(hostArgs, settings);
        await using var app = CollectIqApp.Build(builder);
        await app.StartAsync(ct);
        try
        {
            var outreach = app.Services.GetRequiredService<OutreachService>();
            var result = await outreach.PlaceCallAsync(payerId, "cli", ct);
            switch (result)
            {
                case OutreachResult.PayerNotFound:
                    console.MarkupLineInterpolated($"[red]No payer with id {payerId}.[/]");
                    return 2;
                case OutreachResult.Refused refused:
                    console.MarkupLineInterpolated($"[yellow]Not calling:[/] {refused.Refusal.Reason}");
                    return 3;
                case OutreachResult.TelephonyFailed failed:
                    console.MarkupLineInterpolated($"[red]Twilio refused the call:[/] {failed.Message}");
                    return 4;
            }
            var placed = (OutreachResult.Placed)result;
            console.MarkupLineInterpolated($"Call [bold]{placed.CallId}[/] placed ([grey]{placed.CallSid}[/])");

            var started = DateTimeOffset.UtcNow;
            if (app.Services.GetService<SimulatedTelephony>() is { } simulated)
            {
                await foreach (var e in simulated.WatchCallAsync(placed.CallSid, ct))
                    console.MarkupLineInterpolated($"[grey]{(e.At - started).TotalSeconds,6:0.0}s[/] {e.ToString()}");
            }
            else
            {
                await WatchRecordAsync(app.Services, placed.CallId, started, console, ct);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct); // let the last callbacks land
            await PrintSummaryAsync(app.Services, placed.CallId, console, ct);
            return 0;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    private static async Task WatchRecordAsync(IServiceProvider services, int callId, DateTimeOffset started, IAnsiConsole console, CancellationToken ct)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<CollectIqDbContext>>();
        var seen = 0;
        while (!ct.IsCancellationRequested)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var changes = await db.Set<Domain.Calls.CallStatusChange>().AsNoTracking().Where(s => s.CallId == callId).OrderBy(s => s.Id).ToListAsync(ct);
            foreach (var change in changes.Skip(seen))
                console.MarkupLineInterpolated($"[grey]{(change.At - started).TotalSeconds,6:0.0}s[/] status {change.Status} ({change.Source})");
            seen = changes.Count;
            if (changes.Count > 0 && Domain.Calls.CallStatuses.IsTerminal(changes[^1].Status)) return;
            await Task.Delay(500, ct);
        }
    }

    private static async Task PrintSummaryAsync(IServiceProvider services, int callId, IAnsiConsole console, CancellationToken ct)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<CollectIqDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var call = await db.Calls.AsNoTracking().Include(c => c.Transcript).FirstAsync(c => c.Id == callId, ct);
        var table = new Table().AddColumns("Call", "Status", "Duration", "Answered by", "Outcome");
        table.AddRow(call.Id.ToString(), call.Status, call.DurationSeconds is { } d ? $"{d}s" : "-", call.AnsweredBy ?? "-",
            call.Outcome is { } o ? Domain.Calls.CallOutcomeNames.ToWire(o) : "-");
        console.Write(table);
        foreach (var turn in call.Transcript.OrderBy(t => t.AtMs))
            console.MarkupLineInterpolated($"[grey]{turn.AtMs / 1000.0,6:0.0}s[/] [bold]{turn.Speaker.ToString().ToLowerInvariant()}:[/] {turn.Text}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
