using CollectIq.Data;
using CollectIq.Data.Providers;
using CollectIq.Web.Cli;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace CollectIq.Web.Tests.Payers.Import;

public sealed class CsvImportTests : IDisposable
{
    private const string Header = "payer_name,contact_name,contact_phone,time_zone,language,invoice_number,amount,open_amount,currency,issue_date,due_date";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "collectiq-import-tests", Guid.NewGuid().ToString("N"));
    private readonly StringWriter _output = new();

    public CsvImportTests() => Directory.CreateDirectory(_folder);

    private string DatabaseFile => Path.Combine(_folder, "collectiq.db");

    private Task<int> ImportAsync(string csv)
    {
        var file = Path.Combine(_folder, "payers.csv");
        File.WriteAllText(file, csv);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(_output), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No });
        console.Profile.Width = 500;
        return ImportCommand.RunAsync(new FileInfo(file),
            [$"--ConnectionStrings:CollectIq=Data Source={DatabaseFile}", $"--CollectIq:DataDirectory={_folder}"], console, CancellationToken.None);
    }

    private async Task<(int Payers, int Invoices)> CountAsync()
    {
        var factory = new CollectIqDbContextFactory(DatabaseSettings.Parse($"Data Source={DatabaseFile}", _folder));
        await using var db = factory.CreateDbContext();
        return (await db.Payers.CountAsync(), await db.Invoices.CountAsync());
    }

    [Fact]
    public async Task Import_ValidFile_ImportsEveryPayerAndInvoice()
    {
        var csv = $"""
            {Header}
            Acme Widgets,Jo Smith,+1 212 555 0143,America/New_York,en,INV-1,1200.50,1200.50,USD,2025-01-01,2025-01-31
            Acme Widgets,Jo Smith,+1 212 555 0143,America/New_York,en,INV-2,300,,USD,2025-02-01,2025-03-03
            "Baker & Sons, Ltd",Ann Baker,+44 20 7946 0123,Europe/London,,B-77,99.99,50,GBP,2025-03-01,2025-03-31
            """;

        var exit = await ImportAsync(csv);

        Assert.Equal(0, exit);
        Assert.Equal((2, 3), await CountAsync());
        Assert.Contains("Imported", _output.ToString());

        // The same file again: every invoice already exists, nothing changes.
        Assert.Equal(1, await ImportAsync(csv));
        Assert.Equal((2, 3), await CountAsync());
    }

    [Fact]
    public async Task Import_OneBadRow_ImportsNothingAndListsEachRejectedRowWithItsReason()
    {
        var csv = $"""
            {Header}
            Acme Widgets,Jo Smith,+12125550143,America/New_York,en,INV-1,1200.50,1200.50,USD,2025-01-01,2025-01-31
            Good Co,Al Good,+13125550188,America/Chicago,en,G-1,10,10,USD,2025-01-01,2025-01-31
            Bad Phone Co,Bo Bad,12345,America/Chicago,en,X-1,10,10,USD,2025-01-01,2025-01-31
            Bad Amount Co,Cy Bad,+16175550137,America/New_York,en,Y-1,ten,,USD,2025-01-01,2025-01-31
            Acme Widgets,Jo Smith,+12125550143,Europe/Paris,en,INV-2,5,5,USD,2025-01-01,2025-01-31
            """;

        var exit = await ImportAsync(csv);
        var output = _output.ToString();

        Assert.Equal(1, exit);
        Assert.Equal((0, 0), await CountAsync());
        Assert.Contains("nothing was imported", output);
        Assert.Contains("contact_phone", output);
        Assert.Contains("'ten' is not an amount", output);
        Assert.Contains("time_zone differ from line 2", output);
    }

    [Fact]
    public async Task Import_HeaderMissingColumns_RejectsTheFile()
    {
        var exit = await ImportAsync("name,phone\nAcme,+12125550143\n");

        Assert.Equal(1, exit);
        Assert.Contains("payer_name", _output.ToString());
        Assert.Equal((0, 0), await CountAsync());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
