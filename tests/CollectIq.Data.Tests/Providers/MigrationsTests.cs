using CollectIq.Data.Providers;
using CollectIq.Data.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace CollectIq.Data.Tests.Providers;

public sealed class MigrationsTests
{
    [Theory, SqliteEngine, PostgresEngine]
    public async Task Migrate_EmptyDatabase_AppliesEveryMigrationAndCreatesTables(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var context = await db.Contexts.CreateDbContextAsync();

        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await context.Database.GetAppliedMigrationsAsync());
        Assert.Equal(0, await context.Payers.CountAsync());
        Assert.Equal(0, await context.AuditEntries.CountAsync());
        Assert.IsType(engine == Engines.Postgres ? typeof(PostgresCollectIqDbContext) : typeof(SqliteCollectIqDbContext), context);
    }

    [Theory, SqliteEngine, PostgresEngine]
    public async Task Migrate_Twice_IsANoOp(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await db.InitializeAsync();
        await using var context = await db.Contexts.CreateDbContextAsync();
        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public void Parse_ConnectionStrings_PickTheEngine()
    {
        Assert.Equal(DatabaseProvider.Sqlite, DatabaseSettings.Parse("Data Source=/tmp/x.db", "/tmp").Provider);
        Assert.Equal(DatabaseProvider.Postgres, DatabaseSettings.Parse("Host=127.0.0.1;Database=x", "/tmp").Provider);
        var error = Assert.Throws<InvalidOperationException>(() => DatabaseSettings.Parse("Foo=bar;Trusted_Connection=yes", "/tmp") with { });
        Assert.Contains("Host=", error.Message);
    }

    [Fact]
    public void FromConfiguration_NoConnectionString_UsesSqliteFileInDataDirectory()
    {
        var folder = Path.Combine(Path.GetTempPath(), "collectiq-settings-" + Guid.NewGuid().ToString("N"));
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [DatabaseSettings.DataDirectoryKey] = folder })
            .Build();

        var settings = DatabaseSettings.FromConfiguration(configuration);

        Assert.Equal(DatabaseProvider.Sqlite, settings.Provider);
        Assert.Equal($"Data Source={Path.Combine(folder, "collectiq.db")}", settings.ConnectionString);
        settings.EnsureSqliteFolder();
        Assert.True(Directory.Exists(folder));
        Directory.Delete(folder);
    }
}
