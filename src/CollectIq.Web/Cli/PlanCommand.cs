using System.CommandLine;
using System.Globalization;
using CollectIq.Data;
using CollectIq.Outreach.Scheduling;
using CollectIq.Web.Hosting;
using Spectre.Console;

namespace CollectIq.Web.Cli;

/// <summary>
/// <c>plan [--at ISO-time]</c>: the dry run of the next outreach pass (same as GET /api/outreach/plan): whom it
/// would call, in order, and whom it would skip and why. Places no call.
/// </summary>
public static class PlanCommand
{
    public static Command Create()
    {
        var at = new Option<string?>("--at") { Description = "Plan as of this time (ISO 8601, e.g. 2026-12-01T15:00:00Z); default now." };
        var command = new Command("plan", "Show whom the next outreach pass would call and whom it would skip, with reasons.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.Options.Add(at);
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(at), parse.UnmatchedTokens.ToArray(), AnsiConsole.Console, ct));
        return command;
    }

    public static async Task<int> RunAsync(string? at, string[] hostArgs, IAnsiConsole console, CancellationToken ct)
    {
        DateTimeOffset? when = null;
        if (at is not null)
        {
            if (!DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                console.MarkupLineInterpolated($"[red]--at must be an ISO 8601 time, got '{at}'.[/]");
                return 2;
            }
            when = parsed;
        }

        // The app's services without its web server: nothing listens, nothing dials.
        var builder = CollectIqApp.CreateBuilder(hostArgs, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
        await using var app = CollectIqApp.Build(builder);
        await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken: ct);
        var plan = await app.Services.GetRequiredService<OutreachControl>().PlanAsync(when, ct);

        console.MarkupLineInterpolated($"Outreach plan at [bold]{plan.At:u}[/]: {plan.Call.Count} to call, {plan.Skipped.Count} skipped");
        var calls = new Table().Title("Call, in this order").AddColumns("#", "Payer", "Name", "Stage", "Days past due", "Attempt", "Priority", "Why");
        var order = 1;
        foreach (var c in plan.Call)
            calls.AddRow((order++).ToString(CultureInfo.InvariantCulture), c.PayerId.ToString(CultureInfo.InvariantCulture), Markup.Escape(c.Name), c.Stage,
                c.DaysPastDue.ToString(CultureInfo.InvariantCulture), c.Attempt.ToString(CultureInfo.InvariantCulture) + (c.BrokenPromise ? " (broken promise)" : ""),
                c.Priority.ToString("N0", CultureInfo.InvariantCulture), Markup.Escape(c.Why));
        console.Write(calls);
        var skipped = new Table().Title("Skipped").AddColumns("Payer", "Name", "Rule", "Reason", "Next allowed");
        foreach (var s in plan.Skipped)
            skipped.AddRow(s.PayerId.ToString(CultureInfo.InvariantCulture), Markup.Escape(s.Name), s.Rule, Markup.Escape(s.Reason), s.NextAllowedAt?.ToString("u", CultureInfo.InvariantCulture) ?? "-");
        console.Write(skipped);
        return 0;
    }
}
