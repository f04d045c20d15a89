using System.Collections.Concurrent;
using CollectIq.Domain.Calls;
using CollectIq.Simulator.Scripts;
using CollectIq.Web.Live;
using CollectIq.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollectIq.Web.Tests.Live;

public sealed class CallLiveFeedTests
{
    [Fact]
    public async Task Outreach_SimulatedCall_PushesEveryStoredStatusInOrder()
    {
        await using var app = await TestApp.StartAsync(simulated: true);
        var payerId = await app.AddPayerAsync("Feedwell Farms", 90, phone: "+12125550199");
        app.Services.GetRequiredService<CollectIq.Simulator.Hosting.SimulatedTelephony>().Scripts.ForNumber("+12125550199", CalleeScript.Answers().WaitForAgentSpeech().Pause(300).HangUp());
        var updates = new ConcurrentQueue<CallLiveUpdate>();
        var ended = new TaskCompletionSource();
        using var subscription = app.Services.GetRequiredService<ICallLiveFeed>().Subscribe(null, u =>
        {
            updates.Enqueue(u);
            if (u.Kind == CallLiveUpdateKind.Status && CallStatuses.IsTerminal(u.Status)) ended.TrySetResult();
        });

        var callId = await app.PlaceCallAsync(payerId);
        await ended.Task.WaitAsync(TimeSpan.FromSeconds(45));

        var pushed = updates.Where(u => u.CallId == callId && u.Kind == CallLiveUpdateKind.Status).Select(u => u.Status).ToList();
        await using var db = await app.Contexts.CreateDbContextAsync();
        var stored = await db.CallStatusChanges.AsNoTracking().Where(s => s.CallId == callId && s.Source != "api" || s.CallId == callId && s.Status != CallStatuses.Queued)
            .OrderBy(s => s.Id).Select(s => s.Status).ToListAsync();
        // Everything stored after the call row was written (queued is written with the row itself) was pushed, in order.
        Assert.Equal(stored.Where(s => s != CallStatuses.Queued), pushed);
        Assert.Contains(updates, u => u.CallId == callId && u.Kind == CallLiveUpdateKind.Event && u.EventType == "start");
    }

    [Fact]
    public void Publish_SubscriberThrows_OthersStillReceive()
    {
        var feed = new CallLiveFeed(Microsoft.Extensions.Logging.Abstractions.NullLogger<CallLiveFeed>.Instance);
        var received = new List<int>();
        using var bad = feed.Subscribe(null, _ => throw new InvalidOperationException("boom"));
        using var one = feed.Subscribe(7, u => received.Add(u.CallId));
        using var all = feed.Subscribe(null, u => received.Add(-u.CallId));

        feed.Publish(new CallLiveUpdate(7, CallLiveUpdateKind.Status, DateTimeOffset.UnixEpoch) { Status = "ringing" });
        feed.Publish(new CallLiveUpdate(8, CallLiveUpdateKind.Status, DateTimeOffset.UnixEpoch) { Status = "ringing" });
        one.Dispose();
        feed.Publish(new CallLiveUpdate(7, CallLiveUpdateKind.Status, DateTimeOffset.UnixEpoch) { Status = "completed" });

        Assert.Equal([7, -7, -8, -7], received);
    }
}
