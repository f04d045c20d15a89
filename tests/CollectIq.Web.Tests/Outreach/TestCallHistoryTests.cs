using CollectIq.Domain.Calls;
using CollectIq.Outreach.Scheduling;
using CollectIq.Web.Tests.Infrastructure;
using CollectIq.Web.WebApp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollectIq.Web.Tests.Outreach;

public sealed class TestCallHistoryTests
{
    [Fact]
    public async Task GetCandidateAsync_SoftphoneTestCallWithConversation_NotCountedAsAnAttempt()
    {
        await using var app = await TestApp.StartAsync();
        var payerId = await app.AddPayerAsync("History Co", 90);
        var real = await app.PlaceCallAsync(payerId);
        var test = (await app.Services.GetRequiredService<SoftphoneCalls>().CreateAsync(payerId, "ops@example.com")).CallId;
        var now = DateTimeOffset.UtcNow;
        await using (var db = await app.Contexts.CreateDbContextAsync())
        {
            // Both finished as human conversations; only the real one is outreach history.
            foreach (var id in new[] { test, real })
                await db.Calls.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CallStatuses.Completed)
                    .SetProperty(c => c.AnsweredBy, "human").SetProperty(c => c.AnsweredAt, now.AddMinutes(-3)).SetProperty(c => c.Outcome, CallOutcome.PromiseToPay));
        }

        var candidate = await app.Services.GetRequiredService<IOutreachCandidateSource>().GetCandidateAsync(payerId, now);

        Assert.NotNull(candidate);
        Assert.Single(candidate.RecentAttempts);
    }
}
