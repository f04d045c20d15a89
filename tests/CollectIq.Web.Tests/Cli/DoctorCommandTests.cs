using CollectIq.Web.Cli;
using Spectre.Console;

namespace CollectIq.Web.Tests.Cli;

public sealed class DoctorCommandTests
{
    [Fact]
    public async Task RunAsync_SimulatedTelephony_BothChecksPassAgainstItself()
    {
        var folder = Path.Combine(Path.GetTempPath(), "collectiq-doctor", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(output) });
        try
        {
            var exit = await DoctorCommand.RunAsync(
                [$"--ConnectionStrings:CollectIq=Data Source={Path.Combine(folder, "db.sqlite")}", $"--CollectIq:DataDirectory={folder}", "--Demo:Seed=false"],
                console, CancellationToken.None);

            Assert.True(exit == 0, output.ToString());
            Assert.True(output.ToString().Contains("PASS PUBLIC_URL reachable"), output.ToString());
            Assert.True(output.ToString().Contains("PASS Media stream WebSocket (101)"), output.ToString());
            Assert.True(output.ToString().Contains("101"), output.ToString());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task RunAsync_PublicUrlNobodyListensOn_FailsWithAFix()
    {
        var folder = Path.Combine(Path.GetTempPath(), "collectiq-doctor", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(output) });
        try
        {
            var exit = await DoctorCommand.RunAsync(
                [$"--ConnectionStrings:CollectIq=Data Source={Path.Combine(folder, "db.sqlite")}", $"--CollectIq:DataDirectory={folder}", "--Demo:Seed=false", "--PUBLIC_URL=http://127.0.0.1:9"],
                console, CancellationToken.None);

            Assert.True(exit == 1, output.ToString());
            Assert.True(output.ToString().Contains("FAIL PUBLIC_URL reachable"), output.ToString());
            Assert.True(output.ToString().Contains("FAIL Media stream WebSocket (101)"), output.ToString());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, true); } catch (IOException) { }
        }
    }
}
