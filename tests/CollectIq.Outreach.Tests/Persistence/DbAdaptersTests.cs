using CollectIq.Data;
using CollectIq.Data.Payers;
using CollectIq.Data.Providers;
using CollectIq.Data.Seeding;
using CollectIq.Domain.Audit;
using CollectIq.Domain.Calls;
using CollectIq.Domain.Dunning;
using CollectIq.Domain.Promises;
using CollectIq.Outreach.Compliance;
using CollectIq.Outreach.Dialing;
using CollectIq.Outreach.Dialing.Guards;
using CollectIq.Outreach.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static CollectIq.Outreach.Tests.Candidates;

namespace CollectIq.Outreach.Tests.Persistence;

/// <summary>The database seams on a real, migrated SQLite database (the data layer's own initializer).</summary>
public sealed class DbAdaptersTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("collectiq-outreach-db-").FullName;
    private readonly DateTimeOffset _now = Local("America/New_York", 2026, 7, 14, 10, 0);
    private Microsoft.EntityFrameworkCore.IDbContextFactory<CollectIqDbContext> _contexts = null!;

    public async Task InitializeAsync()
    {
        var settings = DatabaseSettings.Parse($"Data Source={Path.Combine(_dir, "app.db")}", _dir);
        _contexts = new CollectIqDbContextFactory(settings);
        await new DatabaseInitializer(_contexts, settings, new DemoSeeder(_contexts, TimeProvider.System, NullLogger<DemoSeeder>.Instance),
            Options.Create(new DemoOptions { Seed = false }), NullLogger<DatabaseInitializer>.Instance).InitializeAsync(false);

        await using var db = await _contexts.CreateDbContextAsync();
        for (var i = 1; i <= 4; i++) { var p = Payer(i, phone: $"+1212555010{i}", asOf: _now); p.Id = 0; p.Invoices.ForEach(inv => inv.Id = 0); db.Payers.Add(p); }
        var paid = Payer(5, phone: "+12125550105", open: 0, asOf: _now); paid.Id = 0; db.Payers.Add(paid);
        await db.SaveChangesAsync();
        // Payer 1: two no-answers today. Payer 2: a call ringing now. Payer 3: latest outcome dispute. Payer 4: pending promise.
        db.Calls.AddRange(
            new Call { PayerId = 1, CreatedAt = _now.AddHours(-5), Status = CallStatuses.NoAnswer },
            new Call { PayerId = 1, CreatedAt = _now.AddHours(-3), Status = CallStatuses.Busy },
            new Call { PayerId = 1, CreatedAt = _now.AddDays(-30), Status = CallStatuses.Completed, Outcome = CallOutcome.Callback, AnsweredBy = "human" },
            new Call { PayerId = 2, CreatedAt = _now.AddMinutes(-1), Status = CallStatuses.Ringing },
            new Call { PayerId = 3, CreatedAt = _now.AddDays(-20), Status = CallStatuses.Completed, Outcome = CallOutcome.Dispute, AnsweredBy = "human" });
        db.PaymentPromises.Add(new PaymentPromise { PayerId = 4, Amount = 100, PromisedDate = new DateOnly(2026, 7, 20), CreatedAt = _now.AddDays(-2) });
        // The dispute's effect on the record (OutcomeEffects writes it when the outcome is recorded).
        db.Disputes.Add(new CollectIq.Domain.Outcomes.Dispute { PayerId = 3, OpenedAt = _now.AddDays(-20), Reason = "damaged goods" });
        await db.SaveChangesAsync();
    }

    private DbOutreachCandidateSource Source() => new(_contexts, new DunningCalculator(new DunningOptions()), Options.Create(new OutreachOptions()));

    [Fact]
    public async Task Candidates_LoadedWithWhatTheRulesNeed()
    {
        var candidates = (await Source().GetCandidatesAsync(_now)).ToDictionary(c => c.PayerId);
        Assert.Equal([1, 2, 3, 4], candidates.Keys.Order()); // payer 5 owes nothing
        Assert.Equal(2, candidates[1].RecentAttempts.Count); // the 30-day-old call is outside the look-back
        Assert.All(candidates[1].RecentAttempts, a => Assert.True(a.IsUnanswered));
        Assert.True(candidates[2].CallInProgress);
        Assert.True(candidates[3].HasOpenDispute);
        Assert.Single(candidates[4].Promises);
        Assert.Equal(DunningStage.Stage3, candidates[1].Dunning.Stage);

        var policy = DialingPolicy.CreateDefault(new OutreachOptions());
        Assert.Equal("call-in-progress", policy.Evaluate(candidates[2], _now).RuleName);
        Assert.Equal("open-dispute", policy.Evaluate(candidates[3], _now).RuleName);
        Assert.Equal("pending-promise", policy.Evaluate(candidates[4], _now).RuleName);
        var plan = new CollectIq.Outreach.Planning.OutreachPlanner(new OutreachOptions(), policy).Plan(candidates.Values, _now);
        Assert.Equal("retry-backoff", Assert.Single(plan.Skipped, s => s.PayerId == 1).Rule); // busy 3 h ago, 2nd backoff is 4 h
    }

    [Fact]
    public async Task Candidate_Single_SameAsInTheList()
    {
        var one = await Source().GetCandidateAsync(3, _now);
        Assert.True(one!.HasOpenDispute);
        Assert.Null(await Source().GetCandidateAsync(999, _now));
    }

    [Fact]
    public async Task AuditLog_RoundTripNewestFirst()
    {
        var log = new DbAuditLog(_contexts);
        await log.WriteAsync([
            new AuditEntry { At = _now, PayerId = 1, Action = "skipped", Reason = "calling-window: …", Actor = "scheduler" },
            new AuditEntry { At = _now, PayerId = 1, Action = "called", Reason = "STAGE_3", Actor = "scheduler" },
            new AuditEntry { At = _now, PayerId = 2, Action = "refused", Reason = "opted-out", Actor = "scheduler" },
        ]);
        var one = await log.ReadAsync(1, 10);
        Assert.Equal(["called", "skipped"], one.Select(e => e.Action));
        Assert.Equal(3, (await log.ReadAsync(null, 10)).Count);
    }

    [Fact]
    public async Task PolicyGuard_ManualCall_RefusedWithRuleName()
    {
        var guard = new DialingPolicyGuard(Source(), DialingPolicy.CreateDefault(new OutreachOptions()));
        var disputed = await Source().GetCandidateAsync(3, _now);
        var refusal = await guard.CheckAsync(new OutreachContext(new PayerStanding(disputed!.Payer, disputed.Dunning, null), null, "operator:alice", _now), default);
        Assert.Equal("open-dispute", refusal!.Code);
        var night = Local("America/New_York", 2026, 7, 14, 22, 0);
        var payer1 = await Source().GetCandidateAsync(1, night);
        var late = await guard.CheckAsync(new OutreachContext(new PayerStanding(payer1!.Payer, payer1.Dunning, null), null, "operator:alice", night), default);
        Assert.Equal("calling-window", late!.Code);
    }

    private sealed class RecordingTwilio : CollectIq.Telephony.Twilio.ITwilioCallsClient
    {
        public List<CollectIq.Telephony.Twilio.CreateCallRequest> Requests { get; } = [];
        public Task<CollectIq.Telephony.Twilio.TwilioCall> CreateCallAsync(CollectIq.Telephony.Twilio.CreateCallRequest request, CancellationToken cancellationToken = default)
        {
            Requests.Add(request);
            return Task.FromResult(new CollectIq.Telephony.Twilio.TwilioCall($"CA{Requests.Count:D32}", CallStatuses.Queued, request.To, request.From));
        }
        public Task<CollectIq.Telephony.Twilio.TwilioCall> EndCallAsync(string callSid, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<CollectIq.Telephony.Twilio.TwilioCall> GetCallAsync(string callSid, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    private (OutreachServiceDialer Dialer, RecordingTwilio Twilio) SendOutreachPath(DateTimeOffset now)
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(now);
        var dunning = new DunningCalculator(new DunningOptions());
        var guards = new IOutreachGuard[] { new DialingPolicyGuard(Source(), DialingPolicy.CreateDefault(new OutreachOptions())) };
        var twilio = new RecordingTwilio();
        var service = new OutreachService(_contexts, new PayerBook(_contexts, dunning, time), guards, twilio,
            new CollectIq.Data.Calls.EfCallRecorder(_contexts, time, NullLogger<CollectIq.Data.Calls.EfCallRecorder>.Instance),
            Options.Create(new CollectIq.Telephony.Twilio.TwilioOptions()), Options.Create(new OutreachOptions()), time, NullLogger<OutreachService>.Instance);
        return (new OutreachServiceDialer(service, _contexts), twilio);
    }

    [Fact]
    public async Task Dialer_SendOutreachPath_PlacesWithMachineDetectionAndCountsLiveCalls()
    {
        var (dialer, twilio) = SendOutreachPath(_now.AddDays(1)); // payer 1's backoff has passed; not a policy matter anyway
        Assert.Equal(1, await dialer.CountActiveCallsAsync()); // payer 2's ringing call
        var result = await dialer.DialAsync(new CollectIq.Outreach.Scheduling.OutreachDialRequest(1, "scheduler", "DetectMessageEnd", "STAGE_3"));
        Assert.True(result.Placed);
        var request = Assert.Single(twilio.Requests);
        Assert.Equal("DetectMessageEnd", request.MachineDetection);
        Assert.Equal("+12125550101", request.To);
        Assert.Equal(2, await dialer.CountActiveCallsAsync());
    }

    [Fact]
    public async Task Dialer_SendOutreachPath_RefusedByPolicyWithRuleName()
    {
        var (dialer, twilio) = SendOutreachPath(Local("America/New_York", 2026, 7, 14, 21, 30));
        var result = await dialer.DialAsync(new CollectIq.Outreach.Scheduling.OutreachDialRequest(1, "operator:alice", "DetectMessageEnd", "manual"));
        Assert.False(result.Placed);
        Assert.StartsWith("calling-window:", result.Refusal);
        Assert.Empty(twilio.Requests);
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}
