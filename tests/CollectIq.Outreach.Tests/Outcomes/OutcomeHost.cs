using System.Collections.Concurrent;
using CollectIq.Data;
using CollectIq.Domain.Calls;
using CollectIq.Domain.Payers;
using CollectIq.Outreach.Api;
using CollectIq.Outreach.Scheduling;
using CollectIq.Telephony.Twilio;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CollectIq.Outreach.Tests.Outcomes;

/// <summary>
/// A started host: real Kestrel on loopback (port 0), the app database and the Quartz job store on SQLite, the production
/// registrations, a fake app clock and a recording dialer. The recurring pass is off; callback jobs run for real.
/// </summary>
internal sealed class OutcomeHost : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("collectiq-outcome-host-").FullName;
    public FakeTimeProvider Time { get; }
    public WebApplication App { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public ConcurrentQueue<OutreachDialRequest> Dials { get; } = new();
    public IDbContextFactory<CollectIqDbContext> Contexts => App.Services.GetRequiredService<IDbContextFactory<CollectIqDbContext>>();
    public ICallRecorder Recorder => App.Services.GetRequiredService<ICallRecorder>();

    private OutcomeHost(DateTimeOffset now) => Time = new FakeTimeProvider(now);

    public static async Task<OutcomeHost> StartAsync(DateTimeOffset now, Dictionary<string, string?>? settings = null)
    {
        var host = new OutcomeHost(now);
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("OUTCOME_HOST_LOG") is not null) builder.Logging.AddConsole();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:CollectIq"] = $"Data Source={Path.Combine(host._dir, "app.db")}",
            ["CollectIq:DataDirectory"] = host._dir,
            ["Demo:Seed"] = "false",
            ["Outreach:Enabled"] = "false",
            ["Outreach:Reconciler:Enabled"] = "false",
            ["Outreach:Scheduler:ConnectionString"] = $"Data Source={Path.Combine(host._dir, "scheduler.db")}",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<TimeProvider>(host.Time);
        builder.Services.AddSingleton<ITwilioCallsClient>(new ScriptedTwilio());
        builder.Services.AddSingleton<IOutreachDialer>(new QueueDialer(host.Dials));
        builder.Services.AddCollectIqData(builder.Configuration);
        builder.Services.AddCollectIqOutreach(builder.Configuration);
        host.App = builder.Build();
        await host.App.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(false);
        host.App.MapGroup("/api").MapOutreachApi();
        await host.App.StartAsync();
        var address = host.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.Http = new HttpClient { BaseAddress = new Uri(address) };
        return host;
    }

    public async Task<int> AddPayerAsync(string name = "Acme", string zone = "America/New_York")
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var today = DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);
        var payer = new Payer
        {
            Name = name, ContactName = "Pat " + name, ContactPhone = "+12125550100", TimeZone = zone, CreatedAt = Time.GetUtcNow(),
            Invoices = [new Invoice { Number = $"INV-{name}", Amount = 1000m, OpenAmount = 1000m, IssueDate = today.AddDays(-120), DueDate = today.AddDays(-90) }],
        };
        db.Payers.Add(payer);
        await db.SaveChangesAsync();
        return payer.Id;
    }

    public async Task<int> AddAnsweredCallAsync(int payerId)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var now = Time.GetUtcNow();
        var call = new Domain.Calls.Call { PayerId = payerId, CreatedAt = now, AnsweredAt = now, Status = Domain.Calls.CallStatuses.Completed, AnsweredBy = "human" };
        db.Calls.Add(call);
        await db.SaveChangesAsync();
        return call.Id;
    }

    /// <summary>Polls (the job runs on Quartz's thread) until the condition holds or 30 s pass.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return true;
            await Task.Delay(100);
        }
        return await condition();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private sealed class QueueDialer(ConcurrentQueue<OutreachDialRequest> dials) : IOutreachDialer
    {
        private int _next = 1000;
        public Task<OutreachDialResult> DialAsync(OutreachDialRequest request, CancellationToken cancellationToken = default)
        {
            dials.Enqueue(request);
            return Task.FromResult(OutreachDialResult.Ok(Interlocked.Increment(ref _next)));
        }
        public Task<int> CountActiveCallsAsync(CancellationToken cancellationToken = default) => Task.FromResult(0);
    }
}
