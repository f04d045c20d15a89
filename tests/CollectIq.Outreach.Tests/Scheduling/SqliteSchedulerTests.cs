using CollectIq.Outreach.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using static CollectIq.Outreach.Tests.Candidates;

namespace CollectIq.Outreach.Tests.Scheduling;

public sealed class SqliteSchedulerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("collectiq-quartz-").FullName;
    private string ConnectionString => $"Data Source={Path.Combine(_dir, "scheduler.db")}";
    // Tuesday 14 July 2026, 10:00 in New York: inside the window for East Coast payers, 07:00 in Los Angeles.
    private readonly FakeTimeProvider _time = new(Local("America/New_York", 2026, 7, 14, 10, 0));

    private InMemoryCandidateSource Book(int due, params CollectIq.Outreach.Compliance.DialingCandidate[] extra)
    {
        var source = new InMemoryCandidateSource();
        var now = _time.GetUtcNow();
        for (var i = 1; i <= due; i++) source.Add(For(Payer(i, open: 1000m + i, asOf: now), now));
        foreach (var c in extra) source.Add(c);
        return source;
    }

    [Fact]
    public async Task Start_EmptyDatabase_CreatesQuartzTables()
    {
        await using (var host = await OutreachHost.StartAsync(ConnectionString, Book(0), _time)) { }
        await using var db = new SqliteConnection(ConnectionString);
        await db.OpenAsync();
        var command = db.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type='table' AND name LIKE 'QRTZ_%'";
        Assert.True((long)(await command.ExecuteScalarAsync())! >= 11);
    }

    [Fact]
    public async Task RecurringPass_DuePayers_EachDialedOnceAndSkipsAudited()
    {
        var now = _time.GetUtcNow();
        var optedOut = Payer(100, asOf: now); optedOut.OptedOutAt = now.AddDays(-2);
        var source = Book(6,
            For(optedOut, now),
            For(Payer(101, zone: "America/Los_Angeles", asOf: now), now),
            For(Payer(102, daysPastDue: 20, asOf: now), now),
            For(Payer(103, asOf: now), now, dispute: true));
        await using var host = await OutreachHost.StartAsync(ConnectionString, source, _time);

        await Eventually.WaitAsync(() => host.Dialer.Dials.Count >= 5, "the due payers dialed");
        // Several more passes run (interval 1 s); nobody is dialed twice.
        host.Dialer.CompleteAll();
        await Task.Delay(3000);
        host.Dialer.CompleteAll();
        await Eventually.WaitAsync(() => host.Dialer.Dials.Count >= 6, "all six dialed");
        await Task.Delay(2500);

        Assert.Equal([1, 2, 3, 4, 5, 6], host.Dialer.DialedPayers.Order());
        Assert.Equal(6, host.Dialer.DialedPayers.Distinct().Count());
        Assert.All(host.Dialer.Dials, d => Assert.Equal("DetectMessageEnd", d.MachineDetection));
        Assert.All(host.Dialer.Dials, d => Assert.Equal("scheduler", d.RequestedBy));
        var audit = await host.Audit.ReadAsync(null, 1000);
        // Scheduled in priority order (payer 6 owes the most), each once, with start times 1/CPS apart.
        Assert.Equal([6, 5, 4, 3, 2, 1], audit.Where(e => e.Action == AuditActions.Scheduled).Reverse().Select(e => e.PayerId!.Value));
        Assert.Equal(6, audit.Count(e => e.Action == AuditActions.Called));
        Assert.Contains(audit, e => e.PayerId == 100 && e.Action == AuditActions.Skipped && e.Reason!.StartsWith("opted-out"));
        Assert.Contains(audit, e => e.PayerId == 101 && e.Action == AuditActions.Skipped && e.Reason!.StartsWith("calling-window"));
        Assert.Contains(audit, e => e.PayerId == 102 && e.Action == AuditActions.Skipped && e.Reason!.StartsWith("dunning-stage"));
        Assert.Contains(audit, e => e.PayerId == 103 && e.Action == AuditActions.Skipped && e.Reason!.StartsWith("open-dispute"));
        // Skips are audited once per payer, rule and day, not on every pass.
        Assert.Single(audit, e => e.PayerId == 100);
    }

    [Fact]
    public async Task PlaceCall_AllLinesBusy_WaitsForAFreeLine()
    {
        var source = Book(5);
        await using var host = await OutreachHost.StartAsync(ConnectionString, source, _time,
            new Dictionary<string, string?> { ["Outreach:Throttle:MaxConcurrentCalls"] = "2" });

        await Eventually.WaitAsync(() => host.Dialer.Dials.Count >= 2, "two calls");
        await Task.Delay(1500);
        Assert.Equal(2, host.Dialer.Dials.Count); // the others wait while two calls are live

        host.Dialer.CompleteAll();
        await Eventually.WaitAsync(() => host.Dialer.Dials.Count >= 4, "two more calls");
        host.Dialer.CompleteAll();
        await Eventually.WaitAsync(() => host.Dialer.Dials.Count >= 5, "the last call");
        Assert.Equal(2, host.Dialer.MaxActiveSeen);
        Assert.Equal(5, host.Dialer.DialedPayers.Distinct().Count());
    }

    [Fact]
    public async Task PlaceCall_RuleChangedSincePlanning_RefusedWithRule()
    {
        var source = Book(1);
        // The payer opted out after the pass planned the call: the dial-time check sees it and refuses.
        source.OnFetchOne = c => { var p = c.Payer; var copy = new Domain.Payers.Payer { Id = p.Id, Name = p.Name, ContactName = p.ContactName, ContactPhone = p.ContactPhone, TimeZone = p.TimeZone, Invoices = p.Invoices, OptedOutAt = _time.GetUtcNow() }; return c with { Payer = copy }; };
        await using var host = await OutreachHost.StartAsync(ConnectionString, source, _time);
        await Eventually.WaitAsync(() => host.Audit.ReadAsync(1, 100).Result.Any(e => e.Action == AuditActions.Refused), "the refusal");
        var refusal = (await host.Audit.ReadAsync(1, 100)).First(e => e.Action == AuditActions.Refused);
        Assert.StartsWith("opted-out:", refusal.Reason);
        Assert.Contains(await host.Audit.ReadAsync(1, 100), e => e.Action == AuditActions.Scheduled);
        Assert.Empty(host.Dialer.Dials);
    }

    [Fact]
    public async Task PauseResume_PersistedAcrossRestart()
    {
        var source = Book(0);
        await using (var host = await OutreachHost.StartAsync(ConnectionString, source, _time))
        {
            await host.Control.PauseAsync("operator:alice");
            Assert.True((await host.Control.GetStateAsync()).Paused);
        }
        source.Add(For(Payer(1, asOf: _time.GetUtcNow()), _time.GetUtcNow()));
        await using (var host = await OutreachHost.StartAsync(ConnectionString, source, _time))
        {
            var state = await host.Control.GetStateAsync();
            Assert.True(state.Paused);
            Assert.Null(state.NextPassAt);
            await Task.Delay(2500);
            Assert.Empty(host.Dialer.Dials);

            await host.Control.ResumeAsync("operator:alice");
            Assert.False((await host.Control.GetStateAsync()).Paused);
            await Eventually.WaitAsync(() => host.Dialer.Dials.Count == 1, "the call after resume");
            var audit = await host.Audit.ReadAsync(null, 100);
            Assert.Contains(audit, e => e.Action == AuditActions.Resumed && e.Actor == "operator:alice");
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}

public sealed class OutreachStartupValidationTests
{
    [Fact]
    public async Task Start_InvalidSettings_FailsWithEveryProblemNamed()
    {
        var dir = Directory.CreateTempSubdirectory("collectiq-invalid-").FullName;
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            OutreachHost.StartAsync($"Data Source={Path.Combine(dir, "s.db")}", new InMemoryCandidateSource(), new FakeTimeProvider(),
                new Dictionary<string, string?>
                {
                    ["Outreach:CallingWindow:Default:Start"] = "07:00",
                    ["Outreach:Frequency:MaxAttempts"] = "9",
                    ["Outreach:CallingStages:0"] = "STAGE_7",
                }));
        Assert.Contains("before 08:00", error.Message);
        Assert.Contains("MaxAttempts", error.Message);
        Assert.Contains("STAGE_7", error.Message);
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }
}
