using CollectIq.Domain.Calls;
using CollectIq.Web.Tests.Infrastructure;
using CollectIq.Web.WebApp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollectIq.Web.Tests.WebApp;

public sealed class DashboardQueriesTests
{
    [Fact]
    public async Task LoadAsync_SoftphoneTestCalls_CountedPerDayButNotInRates()
    {
        await using var app = await TestApp.StartAsync();
        var payerId = await app.AddPayerAsync("Rates Co", 90);
        var real = await app.PlaceCallAsync(payerId);
        var test = (await app.Services.GetRequiredService<SoftphoneCalls>().CreateAsync(payerId, "ops@example.com")).CallId;
        await using (var db = await app.Contexts.CreateDbContextAsync())
        {
            // A real call that reached the wrong person, and a role-played promise: only the first may move the rates.
            await db.Calls.Where(c => c.Id == real).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CallStatuses.Completed).SetProperty(c => c.Outcome, CallOutcome.WrongParty));
            await db.Calls.Where(c => c.Id == test).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CallStatuses.Completed).SetProperty(c => c.Outcome, CallOutcome.PromiseToPay));
        }

        var figures = await app.Services.GetRequiredService<DashboardQueries>().LoadAsync();

        Assert.Equal(2, figures.Calls);
        Assert.Equal(2, figures.CallsPerDay.Sum(d => d.Calls));
        Assert.Equal(1, figures.FinishedCalls);
        Assert.Equal(0d, figures.RightPartyRate);
        Assert.Null(figures.PromiseRate);
    }
}
