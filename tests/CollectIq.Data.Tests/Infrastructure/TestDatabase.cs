using CollectIq.Data.Calls;
using CollectIq.Data.Providers;
using CollectIq.Data.Seeding;
using CollectIq.Domain.Dunning;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CollectIq.Data.Tests.Infrastructure;

/// <summary>A migrated, empty database of one engine, private to one test, removed afterwards.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseSettings settings, string folder, string? postgresAdmin, string? postgresName)
    {
        Settings = settings;
        _folder = folder;
        _postgresAdmin = postgresAdmin;
        _postgresName = postgresName;
        Contexts = new CollectIqDbContextFactory(settings);
    }

    public DatabaseSettings Settings { get; }
    public IDbContextFactory<CollectIqDbContext> Contexts { get; }

    /// <param name="sqliteOptions">Appended to the SQLite connection string, e.g. <c>;Default Timeout=1</c>.</param>
    public static async Task<TestDatabase> CreateAsync(string engine, bool migrate = true, string sqliteOptions = "")
    {
        var folder = Path.Combine(Path.GetTempPath(), "collectiq-data-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        TestDatabase db;
        if (engine == Engines.Postgres)
        {
            var admin = Engines.PostgresConnectionString ?? throw new InvalidOperationException(Engines.MissingPostgres + " (COLLECTIQ_REQUIRE_ALL_ENGINES=1)");
            var name = "ciq_test_" + Guid.NewGuid().ToString("N")[..12];
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await create.ExecuteNonQueryAsync();
            }
            var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
            db = new TestDatabase(DatabaseSettings.Parse(cs, folder), folder, admin, name);
        }
        else
        {
            db = new TestDatabase(DatabaseSettings.Parse($"Data Source={Path.Combine(folder, "test.db")}{sqliteOptions}", folder), folder, null, null);
        }
        if (migrate) await db.InitializeAsync();
        return db;
    }

    public Task InitializeAsync(bool seed = false, TimeProvider? time = null) =>
        new DatabaseInitializer(Contexts, Settings, Seeder(time ?? TimeProvider.System), Options.Create(new DemoOptions { Seed = seed }), NullLogger<DatabaseInitializer>.Instance)
            .InitializeAsync(seed);

    public DemoSeeder Seeder(TimeProvider time) => new(Contexts, time, NullLogger<DemoSeeder>.Instance);

    public EfCallRecorder Recorder(TimeProvider time) => new(Contexts, time, NullLogger<EfCallRecorder>.Instance);

    public static DunningCalculator Dunning() => new(new DunningOptions());

    public async ValueTask DisposeAsync()
    {
        if (_postgresName is not null && _postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
