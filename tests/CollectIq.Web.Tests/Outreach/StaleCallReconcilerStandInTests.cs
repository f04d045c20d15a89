using CollectIq.Domain.Calls;
using CollectIq.Outreach.Reconciliation;
using CollectIq.Outreach.Scheduling;
using CollectIq.Simulator.Scripts;
using CollectIq.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollectIq.Web.Tests.Outreach;

/// <summary>
/// The stale-call reconciler in the full host against the Twilio stand-in: the real typed client asks the stand-in's
/// Calls API (GET …/Calls/{sid}.json) and the answer goes through the same never-backwards path as a status callback.
/// </summary>
public sealed class StaleCallReconcilerStandInTests
{
    [Fact]
    public async Task Reconcile_CallWhoseFinalCallbackWasLost_TakesTwilioStatusAndUnknownSidFails()
    {
        await using var app = await TestApp.StartAsync(simulated: true, overrides: new Dictionary<string, string?> { ["Outreach:Reconciler:Enabled"] = "false" });
        var payerId = await app.AddPayerAsync("Lost Callback Co", 90, phone: "+12125550177");
        app.Services.GetRequiredService<CollectIq.Simulator.Hosting.SimulatedTelephony>().Scripts.ForNumber("+12125550177", CalleeScript.Busy().AfterRinging(TimeSpan.Zero));
        var callId = await app.PlaceCallAsync(payerId);
        await using (var db = await app.Contexts.CreateDbContextAsync())
        {
            var deadline = DateTime.UtcNow.AddSeconds(45);
            while (!CallStatuses.IsTerminal((await db.Calls.AsNoTracking().SingleAsync(c => c.Id == callId)).Status) && DateTime.UtcNow < deadline) await Task.Delay(100);
        }

        // As if the node that owned the call died before the final callback: the row still says ringing, 20 minutes ago.
        var old = TimeProvider.System.GetUtcNow().AddMinutes(-20);
        int orphanId;
        await using (var db = await app.Contexts.CreateDbContextAsync())
        {
            Assert.Equal(CallStatuses.Busy, (await db.Calls.AsNoTracking().SingleAsync(c => c.Id == callId)).Status);
            await db.CallStatusChanges.Where(s => s.CallId == callId && s.Status != CallStatuses.Queued && s.Status != CallStatuses.Ringing).ExecuteDeleteAsync();
            await db.CallStatusChanges.Where(s => s.CallId == callId).ExecuteUpdateAsync(s => s.SetProperty(c => c.At, old));
            await db.Calls.Where(c => c.Id == callId).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Status, CallStatuses.Ringing).SetProperty(c => c.CreatedAt, old).SetProperty(c => c.EndedAt, (DateTimeOffset?)null));
            var orphan = new Call { PayerId = payerId, CreatedAt = old, Status = CallStatuses.Ringing, TwilioCallSid = "CA0000000000000000000000000000dead", RequestedBy = "scheduler" };
            orphan.StatusHistory.Add(new CallStatusChange { Status = CallStatuses.Ringing, At = old, Source = "api" });
            db.Calls.Add(orphan);
            await db.SaveChangesAsync();
            orphanId = orphan.Id;
        }
        var dialer = app.Services.GetRequiredService<IOutreachDialer>();
        Assert.Equal(2, await dialer.CountActiveCallsAsync());

        var result = await app.Services.GetRequiredService<StaleCallReconciler>().RunAsync();

        Assert.Equal((2, 1, 1), (result.Checked, result.Updated, result.UnknownToTwilio));
        await using (var db = await app.Contexts.CreateDbContextAsync())
        {
            var call = await db.Calls.AsNoTracking().Include(c => c.StatusHistory).SingleAsync(c => c.Id == callId);
            Assert.Equal(CallStatuses.Busy, call.Status);
            Assert.Contains(call.StatusHistory, s => s.Status == CallStatuses.Busy && s.Source == StaleCallReconciler.Source);
            var orphan = await db.Calls.AsNoTracking().SingleAsync(c => c.Id == orphanId);
            Assert.Equal((CallStatuses.Failed, "reconciler: unknown to Twilio"), (orphan.Status, orphan.HangupCause));
        }
        Assert.Equal(0, await dialer.CountActiveCallsAsync());
    }
}
