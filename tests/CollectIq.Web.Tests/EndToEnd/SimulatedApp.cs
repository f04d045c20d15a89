using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using CollectIq.Data;
using CollectIq.Simulator.Hosting;
using CollectIq.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Sdk;

namespace CollectIq.Web.Tests.EndToEnd;

/// <summary>
/// The whole product as <c>./run</c> starts it, minus the console: real Kestrel on a loopback port, no
/// Twilio credentials (so the in-process Twilio stand-in dials, fetches the signed TwiML and opens the
/// signed media-stream socket), on SQLite or a fresh PostgreSQL database.
/// </summary>
public sealed class SimulatedApp : IAsyncDisposable
{
    public const string ApiKey = "ciq_e2e_key_0123456789";
    private readonly string _folder;
    private readonly string? _postgresAdmin;
    private readonly string? _postgresDatabase;

    private SimulatedApp(WebApplication app, string folder, string? postgresAdmin, string? postgresDatabase)
    {
        App = app;
        _folder = folder;
        _postgresAdmin = postgresAdmin;
        _postgresDatabase = postgresDatabase;
        Client = new HttpClient { BaseAddress = CollectIqApp.BoundAddress(app), Timeout = TimeSpan.FromSeconds(30) };
        Client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
    }

    public WebApplication App { get; }
    public HttpClient Client { get; }
    public SimulatedTelephony Telephony => App.Services.GetRequiredService<SimulatedTelephony>();
    public IDbContextFactory<CollectIqDbContext> Contexts => App.Services.GetRequiredService<IDbContextFactory<CollectIqDbContext>>();

    public static async Task<SimulatedApp> StartAsync(string engine)
    {
        var folder = Path.Combine(Path.GetTempPath(), "collectiq-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        string connectionString;
        string? admin = null, database = null;
        if (engine == "postgres")
        {
            admin = Environment.GetEnvironmentVariable("COLLECTIQ_TEST_POSTGRES");
            if (string.IsNullOrEmpty(admin)) throw new XunitException("COLLECTIQ_TEST_POSTGRES is not set: run `source scripts/postgres.sh` first (./test does).");
            database = "ciq_e2e_" + Guid.NewGuid().ToString("N")[..12];
            connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
        }
        else
        {
            connectionString = $"Data Source={Path.Combine(folder, "collectiq.db")}";
        }

        var port = FreePort();
        var builder = CollectIqApp.CreateBuilder([], new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["ConnectionStrings:CollectIq"] = connectionString,
            ["CollectIq:DataDirectory"] = folder,
            ["CollectIq:Banner"] = "false",
            ["Demo:Seed"] = "false",
            ["COLLECTIQ_API_KEY"] = ApiKey,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        var app = CollectIqApp.Build(builder);
        await app.StartAsync();
        return new SimulatedApp(app, folder, admin, database);
    }

    public static bool PostgresConfigured => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("COLLECTIQ_TEST_POSTGRES"));

    public async Task<int> CreateStage3PayerAsync(string name, string phone)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var response = await Client.PostAsJsonAsync("/api/payers", new
        {
            name,
            contactName = "Pat Doe",
            contactPhone = phone,
            timeZone = "America/New_York",
            invoices = new[]
            {
                new { number = "INV-" + name[..3].ToUpperInvariant(), amount = 900.00m, openAmount = 900.00m, currency = "USD", issueDate = today.AddDays(-120), dueDate = today.AddDays(-90) },
            },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("id").GetInt32();
    }

    public async Task<int> SendOutreachAsync(int payerId)
    {
        var response = await Client.PostAsync($"/api/payers/{payerId}/outreach", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("callId").GetInt32();
    }

    /// <summary>Polls GET /api/calls/{id} until Twilio's status is final.</summary>
    public async Task<JsonElement> WaitForFinalCallAsync(int callId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement call = default;
        while (DateTime.UtcNow < deadline)
        {
            call = await Client.GetFromJsonAsync<JsonElement>($"/api/calls/{callId}");
            if (call.GetProperty("status").GetString() is "completed" or "busy" or "no-answer" or "failed" or "canceled") return call;
            await Task.Delay(200);
        }
        throw new XunitException($"Call {callId} did not end within {timeout}: {call}");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (_postgresAdmin is not null && _postgresDatabase is not null)
        {
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
