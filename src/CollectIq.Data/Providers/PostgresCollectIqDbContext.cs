using CollectIq.Data.Converters;
using Microsoft.EntityFrameworkCore;

namespace CollectIq.Data.Providers;

/// <summary>
/// PostgreSQL flavour: numeric and timestamptz natively. Npgsql only writes UTC offsets to
/// timestamptz, so values are normalized to UTC on the way in.
/// </summary>
public sealed class PostgresCollectIqDbContext(DbContextOptions options) : CollectIqDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcNormalizingConverter>();
    }
}
