using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using CollectIq.Web.Tests.Infrastructure;
using Npgsql;

namespace CollectIq.Web.Tests.Outreach;

/// <summary>
/// Two CollectIQ processes share one PostgreSQL database: their Quartz schedulers form a cluster. Every due
/// payer must be dialed exactly once, even when one process is killed (SIGKILL, no goodbye) mid-run.
/// </summary>
public sealed class SchedulerClusterTests
{
    private const string ApiKey = "ciq_cluster_key_0123456789";

    [Fact]
    public async Task TwoProcesses_OneKilledMidRun_EveryDuePayerDialedExactlyOnce()
    {
        var (connectionString, drop) = await Engines.CreatePostgresDatabaseAsync();
        var zone = DaytimeZones.WhereLocalHourIsBetween(DateTimeOffset.UtcNow, 9, 20, forMinutes: 15);
        Process? first = null, second = null;
        try
        {
            first = Start(connectionString, out var firstUrl);
            using var client = new HttpClient { BaseAddress = firstUrl, Timeout = TimeSpan.FromSeconds(20) };
            client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
            await WaitForHealthAsync(client, first);
            // Pause while the book is written, so both instances see it whole from the first pass on.
            (await client.PostAsync("/api/outreach/pause", null)).EnsureSuccessStatusCode();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            const int payers = 12;
            for (var i = 0; i < payers; i++)
            {
                var response = await client.PostAsJsonAsync("/api/payers", new
                {
                    name = $"Cluster Payer {i:00}",
                    contactName = "Pat Doe",
                    contactPhone = $"+1212555{1000 + i:0000}",
                    timeZone = zone,
                    invoices = new[] { new { number = $"CL-{i}", amount = 1000m + i, openAmount = 1000m + i, currency = "USD", issueDate = today.AddDays(-120), dueDate = today.AddDays(-90) } },
                });
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            }

            second = Start(connectionString, out var secondUrl);
            using var secondClient = new HttpClient { BaseAddress = secondUrl, Timeout = TimeSpan.FromSeconds(20) };
            await WaitForHealthAsync(secondClient, second);
            (await client.PostAsync("/api/outreach/resume", null)).EnsureSuccessStatusCode();

            // Let the cluster get going, then kill the first instance without warning.
            await WaitForCallsAsync(connectionString, atLeast: 3, TimeSpan.FromSeconds(90));
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();

            // The survivor takes over the dead one's jobs (Quartz cluster recovery) and dials the rest.
            await WaitForCallsAsync(connectionString, atLeast: payers, TimeSpan.FromSeconds(150), distinctPayers: true);
            await Task.Delay(TimeSpan.FromSeconds(6)); // a few more passes: nobody may be dialed twice
            var perPayer = await CallsPerPayerAsync(connectionString);
            Assert.Equal(payers, perPayer.Count);
            Assert.All(perPayer, p => Assert.Equal(1, p.Value));
        }
        finally
        {
            foreach (var process in new[] { first, second })
            {
                if (process is { HasExited: false }) { process.Kill(entireProcessTree: true); await process.WaitForExitAsync(); }
                process?.Dispose();
            }
            await drop();
        }
    }

    private static Process Start(string connectionString, out Uri url)
    {
        var port = FreePort();
        url = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "CollectIq.Web.dll"), "--urls", url.ToString().TrimEnd('/')])
        {
            WorkingDirectory = Directory.CreateTempSubdirectory("collectiq-cluster-").FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ConnectionStrings__CollectIq"] = connectionString;
        start.Environment["COLLECTIQ_API_KEY"] = ApiKey;
        start.Environment["Demo__Seed"] = "false";
        start.Environment["CollectIq__Banner"] = "false";
        start.Environment["Outreach__PassInterval"] = "00:00:02";
        start.Environment["Outreach__Scheduler__ClusterCheckinInterval"] = "00:00:02";
        // Calls the killed process had live stay "in progress" for ever here (its Twilio stand-in died with it, so
        // no final callback comes), and the line cap counts live calls cluster-wide: keep the cap above the book.
        start.Environment["Outreach__Throttle__MaxConcurrentCalls"] = "20";
        start.Environment["Outreach__Throttle__CallsPerSecond"] = "2";
        start.Environment["Outreach__Throttle__BusyLineRecheck"] = "00:00:01";
        start.Environment["SIMULATED_CALLEE_HANGUP_SECONDS"] = "3";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var key in new[] { "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "PUBLIC_URL", "NGROK_URL", "ASPNETCORE_URLS" }) start.Environment.Remove(key);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForHealthAsync(HttpClient client, Process process)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, $"CollectIQ exited with code {(process.HasExited ? process.ExitCode : 0)} while starting.");
            try
            {
                if ((await client.GetAsync("/health")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(300);
        }
        throw new Xunit.Sdk.XunitException("CollectIQ did not become healthy within 60 s.");
    }

    private static async Task WaitForCallsAsync(string connectionString, int atLeast, TimeSpan timeout, bool distinctPayers = false)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var perPayer = await CallsPerPayerAsync(connectionString);
            if ((distinctPayers ? perPayer.Count : perPayer.Values.Sum()) >= atLeast) return;
            await Task.Delay(500);
        }
        throw new Xunit.Sdk.XunitException($"Fewer than {atLeast} calls were placed within {timeout}: {string.Join(", ", await CallsPerPayerAsync(connectionString))}");
    }

    private static async Task<Dictionary<int, int>> CallsPerPayerAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "PayerId", count(*) FROM calls GROUP BY "PayerId" """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var result = new Dictionary<int, int>();
        while (await reader.ReadAsync()) result[reader.GetInt32(0)] = (int)reader.GetInt64(1);
        return result;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
