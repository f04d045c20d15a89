using CollectIq.Domain.Calls;
using CollectIq.Domain.Outcomes;
using CollectIq.Outreach.Audit;
using CollectIq.Outreach.Compliance;
using CollectIq.Outreach.Dialing;
using CollectIq.Outreach.Dialing.Guards;
using CollectIq.Outreach.Outcomes;
using CollectIq.Data.Payers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CollectIq.Outreach.Tests.Candidates;

namespace CollectIq.Outreach.Tests.Outcomes;

/// <summary>
/// Callbacks on the real Quartz job store (SQLite). Quartz fires on the wall clock and the test's fake clock is in 2026-07,
/// so a callback's trigger is already due when scheduled: it fires at once and decides on the fake clock.
/// </summary>
public sealed class CallbackCallJobTests
{
    private static readonly DateTimeOffset Now = Local("America/New_York", 2026, 7, 15, 14, 0);

    private static async Task<CallbackRequest> CallbackAsync(OutcomeHost host, int payerId)
    {
        await using var db = await host.Contexts.CreateDbContextAsync();
        return await db.CallbackRequests.AsNoTracking().SingleAsync(c => c.PayerId == payerId);
    }

    [Fact]
    public async Task Callback_Fires_PlacesOneCallWithTheCallbackConsentAndClosesTheRequest()
    {
        await using var host = await OutcomeHost.StartAsync(Now);
        var payerId = await host.AddPayerAsync();
        var callId = await host.AddAnsweredCallAsync(payerId); // a conversation just now: the quiet period would refuse any other call

        await host.Recorder.SetOutcomeAsync(callId, CallOutcome.Callback, $$"""{"callbackAt":"{{Now.AddSeconds(2):O}}"}""");

        Assert.True(await OutcomeHost.EventuallyAsync(async () => (await CallbackAsync(host, payerId)).State == CallbackState.Placed));
        var dial = Assert.Single(host.Dials);
        Assert.Equal((payerId, CallbackCallJob.Requester), (dial.PayerId, dial.RequestedBy));
        var callback = await CallbackAsync(host, payerId);
        Assert.NotNull(callback.PlacedCallId);
        // Scheduling the same callback again (a repeated outcome, a review) never dials twice.
        await host.App.Services.GetRequiredService<ICallbackScheduler>().ScheduleAsync(callback);
        await Task.Delay(1500);
        Assert.Single(host.Dials);
        var audit = await host.App.Services.GetRequiredService<IAuditLog>().ReadAsync(payerId, 50);
        Assert.Contains(audit, a => a.Action == AuditActions.Called && a.Actor == "scheduler");
    }

    [Fact]
    public async Task Callback_CallStillLiveAtFireTime_WaitsAndDialsOnceItEnded()
    {
        await using var host = await OutcomeHost.StartAsync(Now, new() { ["Outreach:Throttle:BusyLineRecheck"] = "00:00:00.500" });
        var payerId = await host.AddPayerAsync();
        var callId = await host.AddAnsweredCallAsync(payerId);
        await using (var db = await host.Contexts.CreateDbContextAsync())
            await db.Calls.Where(c => c.Id == callId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CallStatuses.InProgress));

        // "Call me back in a moment", said on a call that is still ending.
        await host.Recorder.SetOutcomeAsync(callId, CallOutcome.Callback, $$"""{"callbackAt":"{{Now:O}}"}""");
        await Task.Delay(2000);
        Assert.Empty(host.Dials);
        Assert.Equal(CallbackState.Scheduled, (await CallbackAsync(host, payerId)).State);

        await host.Recorder.AdvanceStatusAsync(callId, CallStatuses.Completed, "status-callback");
        Assert.True(await OutcomeHost.EventuallyAsync(async () => (await CallbackAsync(host, payerId)).State == CallbackState.Placed));
        Assert.Single(host.Dials);
    }

    [Fact]
    public async Task Callback_PayerOptedOutMeanwhile_RefusedAtFireTimeAndAudited()
    {
        await using var host = await OutcomeHost.StartAsync(Now);
        var payerId = await host.AddPayerAsync();
        await using (var db = await host.Contexts.CreateDbContextAsync())
            await db.Payers.Where(p => p.Id == payerId).ExecuteUpdateAsync(s => s.SetProperty(p => p.OptedOutAt, Now));

        await host.Recorder.SetOutcomeAsync(await host.AddAnsweredCallAsync(payerId), CallOutcome.Callback, $$"""{"callbackAt":"{{Now.AddSeconds(1):O}}"}""");

        Assert.True(await OutcomeHost.EventuallyAsync(async () => (await CallbackAsync(host, payerId)).State == CallbackState.Refused));
        Assert.Empty(host.Dials);
        Assert.StartsWith(OptOutRule.RuleName, (await CallbackAsync(host, payerId)).Note);
        Assert.True(await OutcomeHost.EventuallyAsync(async () =>
            (await host.App.Services.GetRequiredService<IAuditLog>().ReadAsync(payerId, 50)).Any(a => a.Action == OutcomeAuditActions.CallbackRefused)));
    }

    [Fact]
    public async Task Callback_WindowClosedAtFireTime_MovedToTheNextOpening()
    {
        // A callback set for 20:55 New York (inside the window when requested) fires late, at 21:05: window closed.
        var lateEvening = Local("America/New_York", 2026, 7, 15, 21, 5);
        await using var host = await OutcomeHost.StartAsync(lateEvening);
        var payerId = await host.AddPayerAsync();
        var requestedOn = await host.AddAnsweredCallAsync(payerId);
        var callback = new CallbackRequest
        {
            PayerId = payerId, CallId = requestedOn, RequestedFor = lateEvening.AddMinutes(-10), ScheduledFor = lateEvening.AddMinutes(-10), // overdue: starts at once
            CreatedAt = lateEvening.AddHours(-1), State = CallbackState.Scheduled,
        };
        await using (var db = await host.Contexts.CreateDbContextAsync())
        {
            db.CallbackRequests.Add(callback);
            await db.SaveChangesAsync();
        }

        await host.App.Services.GetRequiredService<ICallbackScheduler>().ScheduleAsync(callback);

        var nextMorning = Local("America/New_York", 2026, 7, 16, 8, 0);
        Assert.True(await OutcomeHost.EventuallyAsync(async () => (await CallbackAsync(host, payerId)).ScheduledFor == nextMorning));
        var moved = await CallbackAsync(host, payerId);
        Assert.Equal(CallbackState.Scheduled, moved.State);
        Assert.Contains(CallingWindowRule.RuleName, moved.Adjustment);
        Assert.Empty(host.Dials);
        Assert.True(await host.App.Services.GetRequiredService<ICallbackScheduler>().IsScheduledAsync(callback.Id)); // waiting for the morning
        Assert.True(await OutcomeHost.EventuallyAsync(async () =>
            (await host.App.Services.GetRequiredService<IAuditLog>().ReadAsync(payerId, 50)).Any(a => a.Action == OutcomeAuditActions.CallbackMoved)));

        // The plan lists it as the payer's next scheduled call.
        var plan = await host.Http.GetFromJsonAsync<JsonElement>("/api/outreach/plan");
        var listed = Assert.Single(plan.GetProperty("callbacks").EnumerateArray());
        Assert.Equal((payerId, nextMorning), (listed.GetProperty("payerId").GetInt32(), listed.GetProperty("at").GetDateTimeOffset()));
    }

    [Fact]
    public async Task PolicyGuard_OnlyTheCallbackRequesterPassesAScheduledCallback()
    {
        await using var world = await OutcomeWorld.CreateAsync(Now);
        var payerId = await world.AddPayerAsync();
        await world.Recorder.SetOutcomeAsync(await world.AddAnsweredCallAsync(payerId), CallOutcome.Callback, $$"""{"callbackAt":"{{Now.AddHours(1):O}}"}""");
        var guard = new DialingPolicyGuard(world.Source, world.Policy);
        var at = Now.AddHours(1);
        var standing = (await world.Services.GetRequiredService<PayerBook>().FindAsync(payerId))!;

        var scheduler = await guard.CheckAsync(new OutreachContext(standing, null, "scheduler", at), default);
        var callback = await guard.CheckAsync(new OutreachContext(standing, null, CallbackCallJob.Requester, at), default);

        Assert.Equal(ScheduledCallbackRule.RuleName, scheduler?.Code);
        Assert.Null(callback);
    }
}
