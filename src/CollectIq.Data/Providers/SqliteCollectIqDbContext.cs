using CollectIq.Data.Converters;
using Microsoft.EntityFrameworkCore;

namespace CollectIq.Data.Providers;

/// <summary>
/// SQLite flavour. SQLite has no decimal and no timestamp type: EF would store both as TEXT, which
/// neither sorts nor compares correctly (offsets, "10.5" &lt; "9"). Storing UTC ticks and scaled
/// integers keeps ORDER BY and range filters exact and the same as on PostgreSQL.
/// </summary>
public sealed class SqliteCollectIqDbContext(DbContextOptions options) : CollectIqDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<decimal>().HaveConversion<ScaledDecimalConverter>();
    }
}
