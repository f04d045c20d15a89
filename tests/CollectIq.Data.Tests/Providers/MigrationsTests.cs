using CollectIq.Data.Providers;
using CollectIq.Data.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
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

    [Theory, SqliteEngine, PostgresEngine]
    public async Task Migrate_OutcomeEffects_CarriesALatestDisputeOutcomeOverAsAnOpenDispute(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine, migrate: false);
        await using var context = await db.Contexts.CreateDbContextAsync();
        var migrations = context.Database.GetMigrations().ToList();
        var outcomeEffects = migrations.FindIndex(m => m.EndsWith("_OutcomeEffects", StringComparison.Ordinal));
        var migrator = context.GetService<IMigrator>();
        await migrator.MigrateAsync(migrations[outcomeEffects - 1]);

        // Rows as the previous schema stored them: payer 1's latest outcome is a dispute, payer 2 disputed then promised.
        object At(int minutes) => engine == Engines.Postgres
            ? DateTimeOffset.UtcNow.AddMinutes(minutes)
            : DateTimeOffset.UtcNow.AddMinutes(minutes).UtcTicks;
        foreach (var name in new[] { "Disputer", "Settled" })
            await context.Database.ExecuteSqlRawAsync(
                """INSERT INTO payers ("Name", "ContactName", "ContactPhone", "Language", "CreatedAt", "VoiceAgentEnabled") VALUES ({0}, 'Pat', '+12125550100', 'en', {1}, TRUE)""",
                name, At(-100));
        var ids = await context.Database.SqlQueryRaw<int>("""SELECT "Id" AS "Value" FROM payers ORDER BY "Id" """).ToListAsync();
        async Task AddCall(int payerId, string outcome, int minutes) => await context.Database.ExecuteSqlRawAsync(
            """INSERT INTO calls ("PayerId", "Direction", "Status", "CreatedAt", "Outcome") VALUES ({0}, 'Outbound', 'completed', {1}, {2})""", payerId, At(minutes), outcome);
        await AddCall(ids[0], "PromiseToPay", -50);
        await AddCall(ids[0], "Dispute", -40);
        await AddCall(ids[1], "Dispute", -30);
        await AddCall(ids[1], "PromiseToPay", -20);

        await migrator.MigrateAsync();

        var disputes = await context.Disputes.AsNoTracking().ToListAsync();
        var dispute = Assert.Single(disputes);
        Assert.Equal((ids[0], (DateTimeOffset?)null), (dispute.PayerId, dispute.ResolvedAt));
        Assert.NotNull(dispute.CallId);
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
