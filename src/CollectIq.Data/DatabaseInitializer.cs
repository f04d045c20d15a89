using CollectIq.Data.Providers;
using CollectIq.Data.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CollectIq.Data;

/// <summary>Brings the database to the current schema (and seeds the demo book when asked); run once at start-up.</summary>
public sealed partial class DatabaseInitializer(
    IDbContextFactory<CollectIqDbContext> contexts,
    DatabaseSettings settings,
    DemoSeeder seeder,
    IOptions<DemoOptions> demo,
    ILogger<DatabaseInitializer> logger)
{
    /// <param name="seed">Seed the demo book into an empty database; null means as configured (<c>Demo:Seed</c>).</param>
    public async Task InitializeAsync(bool? seed = null, CancellationToken cancellationToken = default)
    {
        var ct = cancellationToken;
        settings.EnsureSqliteFolder();
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            await db.Database.MigrateAsync(ct);
            if (settings.Provider == DatabaseProvider.Sqlite)
            {
                // WAL lets readers run while a call's loop writes; the setting is stored in the file.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }
            LogMigrated(logger, settings.Provider, pending.Count, Describe(settings));
        }
        if (seed ?? demo.Value.Seed) await seeder.SeedIfEmptyAsync(ct);
    }

    /// <summary>Where the data is, without credentials.</summary>
    public static string Describe(DatabaseSettings settings) => settings.Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource,
        _ => new Npgsql.NpgsqlConnectionStringBuilder(settings.ConnectionString) is var b ? $"{b.Host}:{b.Port}/{b.Database}" : "",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready: {Provider} at {Location}, {Applied} migration(s) applied")]
    private static partial void LogMigrated(ILogger logger, DatabaseProvider provider, int applied, string location);
}
