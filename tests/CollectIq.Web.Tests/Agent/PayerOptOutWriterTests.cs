using CollectIq.Agent.Conversation;
using CollectIq.Domain.Calls;
using CollectIq.Outreach.Outcomes;
using CollectIq.Web.WebApp;
using CollectIq.Web.Agent;
using CollectIq.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollectIq.Web.Tests.Agent;

public sealed class PayerOptOutWriterTests
{
    [Fact]
    public async Task OptOutAsync_Payer_SetsOptedOutAtOnceWithAuditRowsAndKeepsTheFirstTime()
    {
        await using var app = await TestApp.StartAsync();
        var payerId = await app.AddPayerAsync("Stop Co", 90);
        var callId = await app.PlaceCallAsync(payerId);
        var optOut = app.Services.GetRequiredService<IPayerOptOut>();
        Assert.IsType<PayerOptOutWriter>(optOut);
        var first = new DateTimeOffset(2026, 11, 25, 15, 0, 0, TimeSpan.Zero);

        await optOut.OptOutAsync(payerId, callId, first, CancellationToken.None);
        await optOut.OptOutAsync(payerId, callId, first.AddMinutes(5), CancellationToken.None);

        await using var db = await app.Contexts.CreateDbContextAsync();
        Assert.Equal(first, (await db.Payers.AsNoTracking().SingleAsync(p => p.Id == payerId)).OptedOutAt);
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.PayerId == payerId && a.Action == "opt-out").ToListAsync();
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Equal((callId, "payer"), (a.CallId, a.Actor)));
    }

    [Fact]
    public async Task OptOutAsync_SoftphoneTestCall_LeavesPayerCallableAndAuditsEffectsSkipped()
    {
        await using var app = await TestApp.StartAsync();
        var payerId = await app.AddPayerAsync("Role Play Co", 90);
        var test = await app.Services.GetRequiredService<SoftphoneCalls>().CreateAsync(payerId, "ops@example.com");
        var recorder = app.Services.GetRequiredService<ICallRecorder>();
        var at = new DateTimeOffset(2026, 11, 25, 15, 0, 0, TimeSpan.Zero);

        // What the agent does when the role-played payer says "stop calling": the opt-out at once, then the outcome.
        await app.Services.GetRequiredService<IPayerOptOut>().OptOutAsync(payerId, test.CallId, at, CancellationToken.None);
        await recorder.SetOutcomeAsync(test.CallId, CallOutcome.OptOut, "{}");

        await using var db = await app.Contexts.CreateDbContextAsync();
        Assert.Null((await db.Payers.AsNoTracking().SingleAsync(p => p.Id == payerId)).OptedOutAt);
        Assert.False(await db.AuditEntries.AnyAsync(a => a.PayerId == payerId && a.Action == OutcomeAuditActions.OptOut));
        var skipped = Assert.Single(await db.AuditEntries.AsNoTracking().Where(a => a.CallId == test.CallId && a.Action == OutcomeAuditActions.TestCallEffectsSkipped).ToListAsync());
        Assert.StartsWith("test call: effects skipped", skipped.Reason);
        Assert.Equal(CallOutcome.OptOut, (await db.Calls.AsNoTracking().SingleAsync(c => c.Id == test.CallId)).Outcome);
    }

    [Fact]
    public async Task OptOutAsync_UnknownPayer_ThrowsAndWritesNothing()
    {
        await using var app = await TestApp.StartAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => app.Services.GetRequiredService<IPayerOptOut>().OptOutAsync(4242, 1, DateTimeOffset.UtcNow, CancellationToken.None));

        await using var db = await app.Contexts.CreateDbContextAsync();
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "opt-out"));
    }
}
