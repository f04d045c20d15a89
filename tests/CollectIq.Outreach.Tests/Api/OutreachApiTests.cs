using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CollectIq.Outreach.Api;
using CollectIq.Outreach.Audit;
using CollectIq.Outreach.Scheduling;
using CollectIq.Outreach.Tests.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using static CollectIq.Outreach.Tests.Candidates;

namespace CollectIq.Outreach.Tests.Api;

/// <summary>The endpoints on real Kestrel (loopback, port 0) over a real SQLite job store.</summary>
public sealed class OutreachApiTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("collectiq-api-").FullName;
    private readonly FakeTimeProvider _time = new(Local("America/New_York", 2026, 7, 14, 10, 0));
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var now = _time.GetUtcNow();
        var book = new InMemoryCandidateSource();
        book.Add(For(Payer(1, open: 100m, asOf: now), now));
        book.Add(For(Payer(2, open: 900m, asOf: now), now));
        book.Add(For(Payer(3, zone: "America/Los_Angeles", asOf: now), now));
        var optedOut = Payer(4, asOf: now); optedOut.OptedOutAt = now.AddDays(-1);
        book.Add(For(optedOut, now));

        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Outreach:Enabled"] = "false", // no automatic calls: this test is about the operator surface
            ["Outreach:Scheduler:ConnectionString"] = $"Data Source={Path.Combine(_dir, "s.db")}",
        });
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddSingleton<IOutreachCandidateSource>(book);
        builder.Services.AddSingleton<IOutreachDialer>(new RecordingDialer(book, _time));
        builder.Services.AddSingleton<IAuditLog>(new InMemoryAuditLog());
        builder.Services.AddCollectIqOutreach(builder.Configuration);
        _app = builder.Build();
        _app.MapGroup("/api").MapOutreachApi();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    [Fact]
    public async Task GetPlan_At_ListsCallsInOrderAndSkipsWithReasons()
    {
        var at = Uri.EscapeDataString(Local("America/New_York", 2026, 7, 14, 12, 0).ToString("O")); // 09:00 in Los Angeles
        var plan = await _http.GetFromJsonAsync<JsonElement>($"/api/outreach/plan?at={at}");
        var calls = plan.GetProperty("call").EnumerateArray().ToList();
        Assert.Equal([3, 2, 1], calls.Select(c => c.GetProperty("payerId").GetInt32()));
        Assert.Equal("Payer 3", calls[0].GetProperty("name").GetString());
        Assert.True(calls[0].GetProperty("priority").GetDouble() > calls[1].GetProperty("priority").GetDouble());
        var skipped = Assert.Single(plan.GetProperty("skipped").EnumerateArray());
        Assert.Equal(4, skipped.GetProperty("payerId").GetInt32());
        Assert.Equal("opted-out", skipped.GetProperty("rule").GetString());
        Assert.Contains("opted out", skipped.GetProperty("reason").GetString());

        // Default "now" (10:00 New York = 07:00 Los Angeles): payer 3 is outside its window.
        var now = await _http.GetFromJsonAsync<JsonElement>("/api/outreach/plan");
        Assert.Contains(now.GetProperty("skipped").EnumerateArray(), s => s.GetProperty("payerId").GetInt32() == 3 && s.GetProperty("rule").GetString() == "calling-window");
    }

    [Fact]
    public async Task GetPlan_BadAt_400()
    {
        var response = await _http.GetAsync("/api/outreach/plan?at=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PauseResume_StateAndAudit()
    {
        var state = await _http.GetFromJsonAsync<JsonElement>("/api/outreach/state");
        Assert.False(state.GetProperty("paused").GetBoolean());
        Assert.Equal(5, state.GetProperty("passIntervalMinutes").GetDouble());
        Assert.Equal("sqlite", state.GetProperty("store").GetString());

        var paused = await (await _http.PostAsync("/api/outreach/pause", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(paused.GetProperty("paused").GetBoolean());
        Assert.True((await _http.GetFromJsonAsync<JsonElement>("/api/outreach/state")).GetProperty("paused").GetBoolean());
        var resumed = await (await _http.PostAsync("/api/outreach/resume", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(resumed.GetProperty("paused").GetBoolean());

        var audit = await _http.GetFromJsonAsync<JsonElement>("/api/audit");
        var actions = audit.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal([AuditActions.Resumed, AuditActions.Paused], actions.Take(2));
        Assert.Equal("api", audit[0].GetProperty("actor").GetString());
    }

    [Fact]
    public async Task GetAudit_ByPayerAndLimit()
    {
        var log = _app.Services.GetRequiredService<IAuditLog>();
        await log.WriteAsync([
            new Domain.Audit.AuditEntry { At = _time.GetUtcNow(), PayerId = 7, Action = AuditActions.Skipped, Reason = "calling-window: …" },
            new Domain.Audit.AuditEntry { At = _time.GetUtcNow(), PayerId = 8, Action = AuditActions.Called, Reason = "STAGE_3" },
        ]);
        var seven = await _http.GetFromJsonAsync<JsonElement>("/api/audit?payerId=7");
        var entry = Assert.Single(seven.EnumerateArray());
        Assert.Equal("skipped", entry.GetProperty("action").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.GetAsync("/api/audit?limit=0")).StatusCode);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
