using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CollectIq.Outreach.Tests;

public sealed class OutreachServiceCollectionExtensionsTests
{
    [Fact]
    public void AddCollectIqOutreach_AppRegisteredFakeClock_IsTheOutreachClock()
    {
        var fake = new FakeTimeProvider(new DateTimeOffset(2026, 7, 14, 14, 0, 0, TimeSpan.Zero));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Outreach:Scheduler:ConnectionString"] = $"Data Source={Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "s.db")}",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(fake);

        services.AddCollectIqOutreach(configuration);

        using var provider = services.BuildServiceProvider();
        Assert.Same(fake, provider.GetRequiredKeyedService<TimeProvider>(CollectIq.Outreach.Scheduling.OutreachClock.Key));
    }
}
