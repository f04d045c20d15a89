using System.Net.Http.Json;
using System.Text.Json;
using CollectIq.Domain.Audit;
using CollectIq.Outreach.Audit;
using CollectIq.Domain.Calls;
using CollectIq.Domain.Payers;
using CollectIq.Simulator.Hosting;
using CollectIq.Simulator.Scripts;
using CollectIq.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollectIq.Web.Tests.Outreach;

/// <summary>
/// The scheduler on its own, end to end: Quartz's recurring pass over a seeded book, the dialing policy on the
/// real clock, the Twilio stand-in answering as a person, a machine, or not at all. The book's "daytime" and
/// "night-time" zones are picked from the clock when the test runs, so the result never depends on the hour.
/// </summary>
public sealed class SchedulerEndToEndTests
{
    [Fact]
    public async Task RecurringPass_SeededBook_CallsDuePayersLeavesVoicemailDefersNoAnswerAndSkipsTheRest()
    {
        var now = DateTimeOffset.UtcNow;
        var day = DaytimeZones.WhereLocalHourIsBetween(now, 10, 19);
        var night = DaytimeZones.WhereLocalHourIsBetween(now, 0, 6);
        await using var app = await TestApp.StartAsync(simulated: true, overrides: new Dictionary<string, string?>
        {
            ["Outreach:Enabled"] = "true",
            ["Outreach:CheckManualCalls"] = "true",
            ["Outreach:PassInterval"] = "00:00:02",
            ["Outreach:Throttle:MaxConcurrentCalls"] = "2",
            ["Outreach:Throttle:CallsPerSecond"] = "2",
            ["Outreach:Throttle:BusyLineRecheck"] = "00:00:01",
        });
        var scripts = app.Services.GetRequiredService<SimulatedTelephony>().Scripts;

        var person = await AddAsync(app, "Answers Co", "+12125550101", day, 90, 5000m);
        var machine = await AddAsync(app, "Machine Co", "+12125550102", day, 80, 4000m);
        var noAnswer = await AddAsync(app, "Rings Co", "+12125550103", day, 70, 3000m);
        var optedOut = await AddAsync(app, "Stopped Co", "+12125550104", day, 95, 9000m, optedOut: true);
        var stage1 = await AddAsync(app, "Early Co", "+12125550105", day, 10, 700m);
        var asleep = await AddAsync(app, "Night Co", "+12125550106", night, 99, 9900m);
        scripts.ForNumber("+12125550101", CalleeScript.Answers().WaitForAgentSpeech().Pause(800).HangUp());
        scripts.ForNumber("+12125550102", CalleeScript.AnsweringMachine());
        scripts.ForNumber("+12125550103", CalleeScript.NoAnswer());

        // Each due payer gets exactly one call; the others none.
        var calls = await WaitAsync(app, async db =>
        {
            var list = await db.Calls.AsNoTracking().ToListAsync();
            return list.Count(c => c.IsFinal) >= 3 ? list : null;
        }, TimeSpan.FromSeconds(90));
        // A few more passes must not dial anyone again (the no-answer retry waits for its backoff).
        await Task.Delay(TimeSpan.FromSeconds(5));
        await using (var db = await app.Contexts.CreateDbContextAsync())
            calls = await db.Calls.AsNoTracking().ToListAsync();

        Assert.Equal([person, machine, noAnswer], calls.Select(c => c.PayerId).Order().ToArray());
        Assert.Equal(CallStatuses.Completed, calls.Single(c => c.PayerId == person).Status);
        Assert.Equal(CallOutcome.Voicemail, calls.Single(c => c.PayerId == machine).Outcome);
        Assert.Equal(CallStatuses.NoAnswer, calls.Single(c => c.PayerId == noAnswer).Status);
        Assert.All(calls, c => Assert.Equal("scheduler", c.RequestedBy));

        var audit = await app.Client.GetFromJsonAsync<List<JsonElement>>("/api/audit?limit=500");
        Assert.NotNull(audit);
        string[] ReasonsFor(int payerId) => audit!
            .Where(a => a.TryGetProperty("payerId", out var p) && p.ValueKind == JsonValueKind.Number && p.GetInt32() == payerId)
            .Where(a => a.GetProperty("action").GetString() == AuditActions.Skipped)
            .Select(a => a.GetProperty("reason").GetString()!).ToArray();
        Assert.Contains(ReasonsFor(optedOut), r => r.StartsWith("opted-out", StringComparison.Ordinal));
        Assert.Contains(ReasonsFor(stage1), r => r.StartsWith("dunning-stage", StringComparison.Ordinal));
        Assert.Contains(ReasonsFor(asleep), r => r.StartsWith("calling-window", StringComparison.Ordinal));
        Assert.Contains(ReasonsFor(noAnswer), r => r.StartsWith("retry-backoff", StringComparison.Ordinal));

        // The dry run agrees: nobody is due right now, and each skip says why.
        var plan = await app.Client.GetFromJsonAsync<JsonElement>("/api/outreach/plan");
        Assert.Empty(plan.GetProperty("call").EnumerateArray());
        Assert.Contains(plan.GetProperty("skipped").EnumerateArray(), s => s.GetProperty("payerId").GetInt32() == asleep);
    }

    [Fact]
    public async Task PauseThenResume_StateIsVisibleAndAudited()
    {
        await using var app = await TestApp.StartAsync(simulated: true);

        var paused = await app.Client.PostAsync("/api/outreach/pause", null);
        paused.EnsureSuccessStatusCode();
        var state = await app.Client.GetFromJsonAsync<JsonElement>("/api/outreach/state");
        Assert.True(state.GetProperty("paused").GetBoolean());

        (await app.Client.PostAsync("/api/outreach/resume", null)).EnsureSuccessStatusCode();
        state = await app.Client.GetFromJsonAsync<JsonElement>("/api/outreach/state");
        Assert.False(state.GetProperty("paused").GetBoolean());

        var audit = await app.Client.GetFromJsonAsync<List<JsonElement>>("/api/audit");
        Assert.Contains(audit!, a => a.GetProperty("action").GetString() == AuditActions.Paused);
        Assert.Contains(audit!, a => a.GetProperty("action").GetString() == AuditActions.Resumed);
    }

    private static async Task<int> AddAsync(TestApp app, string name, string phone, string zone, int daysPastDue, decimal open, bool optedOut = false)
    {
        var id = await app.AddPayerAsync(name, daysPastDue, phone: phone, zone: zone, open: open);
        if (optedOut)
        {
            await using var db = await app.Contexts.CreateDbContextAsync();
            var payer = await db.Payers.SingleAsync(p => p.Id == id);
            payer.OptedOutAt = DateTimeOffset.UtcNow.AddDays(-1);
            await db.SaveChangesAsync();
        }
        return id;
    }

    private static async Task<T> WaitAsync<T>(TestApp app, Func<CollectIq.Data.CollectIqDbContext, Task<T?>> probe, TimeSpan timeout) where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using (var db = await app.Contexts.CreateDbContextAsync())
            {
                if (await probe(db) is { } result) return result;
            }
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException("The scheduler did not finish its calls in time.");
            await Task.Delay(500);
        }
    }
}
