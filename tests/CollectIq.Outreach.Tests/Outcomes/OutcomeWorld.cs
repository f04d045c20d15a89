using CollectIq.Data;
using CollectIq.Domain.Calls;
using CollectIq.Domain.Outcomes;
using CollectIq.Domain.Payers;
using CollectIq.Outreach.Compliance;
using CollectIq.Outreach.Outcomes;
using CollectIq.Outreach.Planning;
using CollectIq.Outreach.Scheduling;
using CollectIq.Telephony.Twilio;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CollectIq.Outreach.Tests.Outcomes;

/// <summary>
/// The real data layer and outreach services on a migrated SQLite database, wired by the production registration
/// methods, with a fake clock. The scheduler is not started: callbacks go to <see cref="RecordingCallbackScheduler"/>
/// unless a test asks for the real one, and Twilio is <see cref="ScriptedTwilio"/>.
/// </summary>
internal sealed class OutcomeWorld : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("collectiq-outcomes-").FullName;
    public FakeTimeProvider Time { get; }
    public ServiceProvider Services { get; }
    public RecordingCallbackScheduler Callbacks { get; } = new();
    public ScriptedTwilio Twilio { get; } = new();
    public IDbContextFactory<CollectIqDbContext> Contexts => Services.GetRequiredService<IDbContextFactory<CollectIqDbContext>>();

    private OutcomeWorld(DateTimeOffset now, Dictionary<string, string?>? settings, bool realCallbackScheduler)
    {
        Time = new FakeTimeProvider(now);
        var config = new Dictionary<string, string?>
        {
            ["ConnectionStrings:CollectIq"] = $"Data Source={Path.Combine(_dir, "app.db")}",
            ["CollectIq:DataDirectory"] = _dir,
            ["Demo:Seed"] = "false",
            ["Outreach:Enabled"] = "false",
            ["Outreach:Scheduler:ConnectionString"] = $"Data Source={Path.Combine(_dir, "scheduler.db")}",
        };
        foreach (var (k, v) in settings ?? []) config[k] = v;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(config).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<ITwilioCallsClient>(Twilio);
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new TwilioOptions()));
        if (!realCallbackScheduler) services.AddSingleton<ICallbackScheduler>(Callbacks);
        services.AddCollectIqData(configuration);
        services.AddCollectIqOutreach(configuration);
        Services = services.BuildServiceProvider();
    }

    public static async Task<OutcomeWorld> CreateAsync(DateTimeOffset now, Dictionary<string, string?>? settings = null, bool realCallbackScheduler = false)
    {
        var world = new OutcomeWorld(now, settings, realCallbackScheduler);
        await world.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(false);
        return world;
    }

    public ICallRecorder Recorder => Services.GetRequiredService<ICallRecorder>();
    public OutcomeReview Review => Services.GetRequiredService<OutcomeReview>();
    public DialingPolicy Policy => Services.GetRequiredService<DialingPolicy>();
    public OutreachPlanner Planner => Services.GetRequiredService<OutreachPlanner>();
    public IOutreachCandidateSource Source => Services.GetRequiredService<IOutreachCandidateSource>();

    /// <summary>A STAGE_3 payer (90 days past due, 1,000 USD open) in New York.</summary>
    public async Task<int> AddPayerAsync(string name = "Acme", decimal open = 1000m, string zone = "America/New_York", string phone = "+12125550100")
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var today = DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);
        var payer = new Payer
        {
            Name = name, ContactName = "Pat " + name, ContactPhone = phone, TimeZone = zone, CreatedAt = Time.GetUtcNow(),
            Invoices = [new Invoice { Number = $"INV-{name}", Amount = open, OpenAmount = open, IssueDate = today.AddDays(-120), DueDate = today.AddDays(-90) }],
        };
        db.Payers.Add(payer);
        await db.SaveChangesAsync();
        return payer.Id;
    }

    /// <summary>A finished call answered by a person (a right-party conversation once it has an outcome).</summary>
    public async Task<int> AddAnsweredCallAsync(int payerId, DateTimeOffset? at = null)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var when = at ?? Time.GetUtcNow();
        var call = new Call
        {
            PayerId = payerId, CreatedAt = when, StartedAt = when, AnsweredAt = when, EndedAt = when.AddMinutes(2),
            Status = CallStatuses.Completed, AnsweredBy = "human", TwilioCallSid = $"CA{Guid.NewGuid():N}",
        };
        db.Calls.Add(call);
        await db.SaveChangesAsync();
        return call.Id;
    }

    public async Task<RuleVerdict> VerdictAsync(int payerId, DateTimeOffset? at = null)
    {
        var now = at ?? Time.GetUtcNow();
        var candidate = await Source.GetCandidateAsync(payerId, now) ?? throw new InvalidOperationException("no candidate");
        return Policy.Evaluate(candidate, now);
    }

    public async Task<List<Domain.Audit.AuditEntry>> AuditAsync(int payerId)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().Where(a => a.PayerId == payerId).OrderBy(a => a.Id).ToListAsync();
    }

    public async Task SetOpenAmountAsync(int payerId, decimal open)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        await db.Invoices.Where(i => i.PayerId == payerId).ExecuteUpdateAsync(s => s.SetProperty(i => i.OpenAmount, open));
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>Callbacks handed to the scheduler, in order; settable failure for the recovery path.</summary>
internal sealed class RecordingCallbackScheduler : ICallbackScheduler
{
    private readonly HashSet<int> _scheduled = [];
    public List<CallbackRequest> Scheduled { get; } = [];
    public List<int> Canceled { get; } = [];
    public Func<CallbackRequest, Task>? OnSchedule { get; set; }

    public async Task ScheduleAsync(CallbackRequest callback, CancellationToken cancellationToken = default)
    {
        if (OnSchedule is not null) await OnSchedule(callback);
        lock (_scheduled) { if (_scheduled.Add(callback.Id)) Scheduled.Add(callback); }
    }

    public Task CancelAsync(int callbackId, CancellationToken cancellationToken = default)
    {
        lock (_scheduled) { _scheduled.Remove(callbackId); Canceled.Add(callbackId); }
        return Task.CompletedTask;
    }

    public Task<bool> IsScheduledAsync(int callbackId, CancellationToken cancellationToken = default)
    {
        lock (_scheduled) return Task.FromResult(_scheduled.Contains(callbackId));
    }
}

/// <summary>Twilio's Calls API as a test double: <see cref="OnGetCall"/> answers the fetch; create/end are not used here.</summary>
internal sealed class ScriptedTwilio : ITwilioCallsClient
{
    public List<string> Fetched { get; } = [];
    public Func<string, TwilioCall> OnGetCall { get; set; } = sid => throw new TwilioApiException(404, 20404, $"The requested resource /Calls/{sid}.json was not found", null);

    public Task<TwilioCall> GetCallAsync(string callSid, CancellationToken cancellationToken = default)
    {
        lock (Fetched) Fetched.Add(callSid);
        return Task.FromResult(OnGetCall(callSid));
    }

    public Task<TwilioCall> CreateCallAsync(CreateCallRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<TwilioCall> EndCallAsync(string callSid, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
