using Microsoft.EntityFrameworkCore;

namespace CollectIq.Data.Providers;

/// <summary>
/// Creates short-lived contexts of the engine's derived type (each owns its migrations). Thread-safe;
/// register as a singleton <c>IDbContextFactory&lt;CollectIqDbContext&gt;</c>.
/// </summary>
public sealed class CollectIqDbContextFactory : IDbContextFactory<CollectIqDbContext>
{
    private readonly DbContextOptions _options;

    public CollectIqDbContextFactory(DatabaseSettings settings)
    {
        Settings = settings;
        settings.EnsureSqliteFolder();
        _options = Configure(new DbContextOptionsBuilder(), settings).Options;
    }

    public DatabaseSettings Settings { get; }

    public CollectIqDbContext CreateDbContext() => Settings.Provider switch
    {
        DatabaseProvider.Postgres => new PostgresCollectIqDbContext(_options),
        _ => new SqliteCollectIqDbContext(_options),
    };

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, DatabaseSettings settings) => settings.Provider switch
    {
        DatabaseProvider.Postgres => builder.UseNpgsql(settings.ConnectionString),
        _ => builder.UseSqlite(settings.ConnectionString).AddInterceptors(SqliteConnectionSetup.Instance),
    };
}
