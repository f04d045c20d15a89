using System.CommandLine;
using CollectIq.Data;
using CollectIq.Web.Payers.Import;
using CollectIq.Web.Payers.Validation;
using Spectre.Console;

namespace CollectIq.Web.Cli;

/// <summary><c>import &lt;payers.csv&gt;</c>: all-or-nothing CSV import with a progress bar and a table of rejected rows.</summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("payers.csv") { Description = "CSV, one row per invoice: " + string.Join(",", PayerCsvRow.Header) };
        var command = new Command("import", "Import payers and invoices from a CSV file (nothing is imported if any row is rejected).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.Arguments.Add(file);
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(file)!, parse.UnmatchedTokens.ToArray(), AnsiConsole.Console, ct));
        return command;
    }

    public static async Task<int> RunAsync(FileInfo file, string[] hostArgs, IAnsiConsole console, CancellationToken ct)
    {
        if (!file.Exists)
        {
            console.MarkupLineInterpolated($"[red]No such file:[/] {file.FullName}");
            return 2;
        }

        var builder = CliHost.CreateBuilder(hostArgs);
        builder.Services.AddSingleton<PayerDraftValidator>();
        builder.Services.AddSingleton<PayerCsvImporter>();
        using var host = builder.Build();
        await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(seed: false, cancellationToken: ct);
        var importer = host.Services.GetRequiredService<PayerCsvImporter>();

        PayerCsvImportResult result = null!;
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var check = progress.AddTask("Checking rows");
                var write = progress.AddTask("Writing payers", autoStart: false);
                var reporter = new Progress<ImportProgress>(p =>
                {
                    var task = p.Phase == "check" ? check : write;
                    if (!task.IsStarted) task.StartTask();
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                });
                using var reader = file.OpenText();
                result = await importer.ImportAsync(reader, "cli", reporter, ct);
                check.Value = check.MaxValue;
                if (result.Succeeded) write.Value = write.MaxValue; else write.StopTask();
            });

        if (result.Succeeded)
        {
            console.MarkupLineInterpolated($"[green]Imported[/] {result.InvoicesImported} invoice(s): {result.PayersCreated} new payer(s), {result.PayersUpdated} existing payer(s) updated.");
            return 0;
        }

        var table = new Table().Title($"[red]{result.Rejected.Count} problem(s): nothing was imported[/]").AddColumn("Line").AddColumn("Reason");
        foreach (var row in result.Rejected) table.AddRow(row.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(row.Reason));
        console.Write(table);
        return 1;
    }
}
