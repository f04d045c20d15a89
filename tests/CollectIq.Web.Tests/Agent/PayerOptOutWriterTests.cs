using CollectIq.Agent.Conversation;
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
    public async Task OptOutAsync_UnknownPayer_ThrowsAndWritesNothing()
    {
        await using var app = await TestApp.StartAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => app.Services.GetRequiredService<IPayerOptOut>().OptOutAsync(4242, 1, DateTimeOffset.UtcNow, CancellationToken.None));

        await using var db = await app.Contexts.CreateDbContextAsync();
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "opt-out"));
    }
}
