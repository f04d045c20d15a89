using CollectIq.Domain.Calls;
using CollectIq.Outreach.Outcomes;
using CollectIq.Outreach.Reconciliation;
using CollectIq.Outreach.Scheduling;
using CollectIq.Outreach.Tests.Outcomes;
using CollectIq.Telephony.Twilio;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CollectIq.Outreach.Tests.Candidates;

namespace CollectIq.Outreach.Tests.Reconciliation;

/// <summary>The stale-call reconciler on a migrated SQLite database with a fake clock and a scripted Twilio.</summary>
public sealed class StaleCallReconcilerTests
{
    private static readonly DateTimeOffset Now = Local("America/New_York", 2026, 7, 15, 14, 0);

    private static async Task<int> AddLiveCallAsync(OutcomeWorld world, int payerId, string status, string? sid, DateTimeOffset lastChange)
    {
        await using var db = await world.Contexts.CreateDbContextAsync();
        var call = new Call { PayerId = payerId, CreatedAt = lastChange.AddMinutes(-1), Status = status, TwilioCallSid = sid };
        call.StatusHistory.Add(new CallStatusChange { Status = CallStatuses.Queued, At = lastChange.AddMinutes(-1), Source = "api" });
        if (status != CallStatuses.Queued) call.StatusHistory.Add(new CallStatusChange { Status = status, At = lastChange, Source = "status-callback" });
        db.Calls.Add(call);
        await db.SaveChangesAsync();
        return call.Id;
    }

    private static async Task<Call> CallAsync(OutcomeWorld world, int id)
    {
        await using var db = await world.Contexts.CreateDbContextAsync();
        return await db.Calls.AsNoTracking().Include(c => c.StatusHistory).SingleAsync(c => c.Id == id);
    }

    private static StaleCallReconciler Reconciler(OutcomeWorld world) => world.Services.GetRequiredService<StaleCallReconciler>();

    [Fact]
    public async Task Run_StaleCallTwilioFinished_AppliesFinalStatusAndFreesTheLine()
    {
        await using var world = await OutcomeWorld.CreateAsync(Now);
        var payerId = await world.AddPayerAsync();
        var stale = await AddLiveCallAsync(world, payerId, CallStatuses.InProgress, "CA-stale", Now.AddMinutes(-11));
        var fresh = await AddLiveCallAsync(world, payerId, CallStatuses.Ringing, "CA-fresh", Now.AddMinutes(-9));
        world.Twilio.OnGetCall = sid => new TwilioCall(sid, "completed", DurationSeconds: 95, AnsweredBy: "human");
        var dialer = world.Services.GetRequiredService<IOutreachDialer>();
        Assert.Equal(2, await dialer.CountActiveCallsAsync());

        var result = await Reconciler(world).RunAsync();

        Assert.Equal((1, 1), (result.Checked, result.Updated));
        Assert.Equal(["CA-stale"], world.Twilio.Fetched); // the call updated 9 minutes ago is not asked about
        var call = await CallAsync(world, stale);
        // (EndedAt comes from the recorder's clock: Quartz's registration makes that the system clock in this container.)
        Assert.Equal((CallStatuses.Completed, 95, true), (call.Status, call.DurationSeconds, call.EndedAt is not null));
        Assert.Equal(StaleCallReconciler.Source, call.StatusHistory.OrderBy(s => s.Id).Last().Source);
        Assert.Equal(CallStatuses.Ringing, (await CallAsync(world, fresh)).Status);
        Assert.Equal(1, await dialer.CountActiveCallsAsync());
        Assert.Single(await world.AuditAsync(payerId), a => a.Action == OutcomeAuditActions.CallReconciled && a.CallId == stale);
    }

    [Fact]
    public async Task Run_TwilioStillLive_MovesForwardOnlyAndKeepsTheCallLive()
    {
        await using var world = await OutcomeWorld.CreateAsync(Now);
        var payerId = await world.AddPayerAsync();
        var ringing = await AddLiveCallAsync(world, payerId, CallStatuses.Ringing, "CA-1", Now.AddMinutes(-30));
        var live = await AddLiveCallAsync(world, payerId, CallStatuses.InProgress, "CA-2", Now.AddMinutes(-30));
        // Twilio says "in-progress" for both, and a stale "ringing" must never move a live call backwards.
        world.Twilio.OnGetCall = sid => new TwilioCall(sid, sid == "CA-1" ? "in-progress" : "ringing");

        var result = await Reconciler(world).RunAsync();

        Assert.Equal((2, 1), (result.Checked, result.Updated));
        Assert.Equal(CallStatuses.InProgress, (await CallAsync(world, ringing)).Status);
        Assert.Equal(CallStatuses.InProgress, (await CallAsync(world, live)).Status);
    }

    [Fact]
    public async Task Run_NoCallSidOrUnknownToTwilio_MarkedFailed()
    {
        await using var world = await OutcomeWorld.CreateAsync(Now);
        var payerId = await world.AddPayerAsync();
        var noSid = await AddLiveCallAsync(world, payerId, CallStatuses.Queued, null, Now.AddMinutes(-15));
        var unknown = await AddLiveCallAsync(world, payerId, CallStatuses.Ringing, "CA-gone", Now.AddMinutes(-15));

        var result = await Reconciler(world).RunAsync();

        Assert.Equal((1, 1), (result.FailedWithoutSid, result.UnknownToTwilio));
        Assert.Equal(["CA-gone"], world.Twilio.Fetched);
        var a = await CallAsync(world, noSid);
        var b = await CallAsync(world, unknown);
        Assert.Equal((CallStatuses.Failed, "reconciler: never reached Twilio"), (a.Status, a.HangupCause));
        Assert.Equal((CallStatuses.Failed, "reconciler: unknown to Twilio"), (b.Status, b.HangupCause));
    }

    [Fact]
    public async Task Run_TwilioUnavailable_ChangesNothingAndRetriesNextRun()
    {
        await using var world = await OutcomeWorld.CreateAsync(Now);
        var payerId = await world.AddPayerAsync();
        var id = await AddLiveCallAsync(world, payerId, CallStatuses.Ringing, "CA-1", Now.AddMinutes(-15));
        world.Twilio.OnGetCall = _ => throw new TwilioApiException(503, 20503, "Service Unavailable", null);

        Assert.Equal(1, (await Reconciler(world).RunAsync()).Errors);
        Assert.Equal(CallStatuses.Ringing, (await CallAsync(world, id)).Status);

        world.Twilio.OnGetCall = sid => new TwilioCall(sid, "no-answer");
        world.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await Reconciler(world).RunAsync()).Updated);
        Assert.Equal(CallStatuses.NoAnswer, (await CallAsync(world, id)).Status);
    }

    [Fact]
    public async Task Run_StaleAfterConfigured_Honoured()
    {
        await using var world = await OutcomeWorld.CreateAsync(Now, new() { ["Outreach:Reconciler:StaleAfter"] = "00:30:00" });
        var payerId = await world.AddPayerAsync();
        await AddLiveCallAsync(world, payerId, CallStatuses.Ringing, "CA-1", Now.AddMinutes(-20));
        world.Twilio.OnGetCall = sid => new TwilioCall(sid, "completed");

        Assert.Equal(0, (await Reconciler(world).RunAsync()).Checked);
        world.Time.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(1, (await Reconciler(world).RunAsync()).Updated);
    }
}
