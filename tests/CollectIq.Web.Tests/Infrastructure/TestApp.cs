using System.Net.Http.Json;
using CollectIq.Data;
using CollectIq.Data.Providers;
using CollectIq.Domain.Payers;
using CollectIq.Telephony.Twilio;
using CollectIq.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollectIq.Web.Tests.Infrastructure;

/// <summary>
/// The real CollectIQ app on Kestrel (127.0.0.1, port 0) with a temporary SQLite file, a fixed API key and
/// Twilio settings, and <see cref="TestTwilioCallsClient"/> in place of Twilio's REST API.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    public const string ApiKey = "ciq_test_key_0123456789";
    public const string AuthToken = "test_auth_token_12345";
    public const string DefaultPublicUrl = "https://collectiq.example.ngrok.app";

    private readonly bool _ownsFolder;
    private Func<Task>? _dropDatabase;

    private TestApp(WebApplication app, string folder, bool ownsFolder, string publicUrl, TestTwilioCallsClient twilio)
    {
        _ownsFolder = ownsFolder;
        App = app;
        Folder = folder;
        PublicUrl = publicUrl;
        Twilio = twilio;
        BaseAddress = CollectIqApp.BoundAddress(app);
        Client = new HttpClient { BaseAddress = BaseAddress };
        Client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        Anonymous = new HttpClient { BaseAddress = BaseAddress };
    }

    public WebApplication App { get; }
    public string Folder { get; }
    public string PublicUrl { get; }
    public Uri BaseAddress { get; }
    public TestTwilioCallsClient Twilio { get; }
    /// <summary>Sends the API key.</summary>
    public HttpClient Client { get; }
    /// <summary>Sends no credentials.</summary>
    public HttpClient Anonymous { get; }
    public IServiceProvider Services => App.Services;
    public IDbContextFactory<CollectIqDbContext> Contexts => Services.GetRequiredService<IDbContextFactory<CollectIqDbContext>>();

    /// <param name="simulated">No Twilio settings and no test double: the in-process Twilio stand-in places the calls.</param>
    /// <param name="engine"><see cref="Engines.Sqlite"/> (a temporary file) or <see cref="Engines.Postgres"/> (a fresh database).</param>
    public static async Task<TestApp> StartAsync(bool seed = false, string publicUrl = DefaultPublicUrl, string? apiKey = ApiKey, string? folder = null, bool simulated = false, string engine = Engines.Sqlite, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var ownsFolder = folder is null;
        folder ??= Path.Combine(Path.GetTempPath(), "collectiq-web-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["ConnectionStrings:CollectIq"] = $"Data Source={Path.Combine(folder, "collectiq.db")}",
            ["CollectIq:DataDirectory"] = folder,
            ["CollectIq:Banner"] = "false",
            ["Demo:Seed"] = seed ? "true" : "false",
            ["COLLECTIQ_API_KEY"] = apiKey ?? "",
            ["TWILIO_ACCOUNT_SID"] = "AC00000000000000000000000000000000",
            ["TWILIO_AUTH_TOKEN"] = AuthToken,
            ["TWILIO_PHONE_NUMBER"] = "+15005550006",
            ["PUBLIC_URL"] = publicUrl,
            ["Logging:LogLevel:Default"] = "Warning",
            // The scheduler and the dialing policy run on the real clock; these tests are about the API and the
            // call loop, so neither may depend on the hour they run at (the policy has its own fake-clock tests).
            ["Outreach:Enabled"] = "false",
            ["Outreach:CheckManualCalls"] = "false",
        };
        Func<Task>? dropDatabase = null;
        if (engine == Engines.Postgres)
        {
            var (connectionString, drop) = await Engines.CreatePostgresDatabaseAsync();
            settings["ConnectionStrings:CollectIq"] = connectionString;
            dropDatabase = drop;
        }
        if (simulated)
        {
            // The stand-in calls our webhooks at PUBLIC_URL, which defaults to our address: it needs a concrete port.
            var port = FreePort();
            settings["urls"] = $"http://127.0.0.1:{port}";
            publicUrl = $"http://127.0.0.1:{port}";
            foreach (var key in new[] { "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_PHONE_NUMBER", "PUBLIC_URL" }) settings.Remove(key);
            settings["SIMULATED_CALLEE_HANGUP_SECONDS"] = "2";
        }
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
        var builder = CollectIqApp.CreateBuilder([], settings);
        var twilio = new TestTwilioCallsClient();
        if (!simulated) builder.Services.AddSingleton<ITwilioCallsClient>(twilio);
        var app = CollectIqApp.Build(builder);
        await app.StartAsync();
        return new TestApp(app, folder, ownsFolder, publicUrl, twilio) { _dropDatabase = dropDatabase };
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task<int> AddPayerAsync(string name, int daysPastDue, string phone = "+12125550143", string? zone = "America/New_York", bool voiceAgent = true, decimal open = 1250.50m)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var payer = new Payer
        {
            Name = name, ContactName = "Pat Doe", ContactPhone = phone, TimeZone = zone, CreatedAt = DateTimeOffset.UtcNow, VoiceAgentEnabled = voiceAgent,
            Invoices = [new Invoice { Number = "INV-1", Amount = open, OpenAmount = open, Currency = "USD", DueDate = today.AddDays(-daysPastDue), IssueDate = today.AddDays(-daysPastDue - 30) }],
        };
        db.Payers.Add(payer);
        await db.SaveChangesAsync();
        return payer.Id;
    }

    /// <summary>Places a call through the API and returns our call id.</summary>
    public async Task<int> PlaceCallAsync(int payerId)
    {
        var response = await Client.PostAsync($"/api/payers/{payerId}/outreach", null);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return body.GetProperty("callId").GetInt32();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Anonymous.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_dropDatabase is not null) await _dropDatabase();
        if (_ownsFolder) try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
