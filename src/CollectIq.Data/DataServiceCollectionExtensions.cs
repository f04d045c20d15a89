using CollectIq.Data.Calls;
using CollectIq.Data.Payers;
using CollectIq.Data.Providers;
using CollectIq.Data.Seeding;
using CollectIq.Domain.Calls;
using CollectIq.Domain.Dunning;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CollectIq.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the database (engine from <c>ConnectionStrings:CollectIq</c>), <see cref="ICallRecorder"/>,
    /// <see cref="PayerBook"/>, the dunning rules, the demo seeder and <see cref="DatabaseInitializer"/>.
    /// </summary>
    public static IServiceCollection AddCollectIqData(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => DatabaseSettings.FromConfiguration(configuration));
        services.TryAddSingleton<IDbContextFactory<CollectIqDbContext>>(sp => new CollectIqDbContextFactory(sp.GetRequiredService<DatabaseSettings>()));

        services.AddOptions<DunningOptions>().Bind(configuration.GetSection(DunningOptions.SectionName))
            .Validate(o => !o.Validate().Any(), "Dunning thresholds are inconsistent (Stage1FromDays < Stage2FromDays < Stage3FromDays, Stage1FromDays ≥ 1).")
            .ValidateOnStart();
        services.TryAddSingleton(sp => new DunningCalculator(sp.GetRequiredService<IOptions<DunningOptions>>().Value));
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.SectionName));

        services.TryAddSingleton<ICallRecorder, EfCallRecorder>();
        services.TryAddSingleton<PayerBook>();
        services.TryAddSingleton<DemoSeeder>();
        services.TryAddSingleton<DatabaseInitializer>();
        return services;
    }
}
