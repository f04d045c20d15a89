using System.Reflection;
using Npgsql;
using Xunit.Sdk;

namespace CollectIq.Web.Tests.Infrastructure;

/// <summary>
/// Database engines for the tests that must pass on both: PostgreSQL from COLLECTIQ_TEST_POSTGRES
/// (<c>source scripts/postgres.sh</c>); skipped without it unless COLLECTIQ_REQUIRE_ALL_ENGINES=1.
/// </summary>
public static class Engines
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public static string? PostgresConnectionString => Environment.GetEnvironmentVariable("COLLECTIQ_TEST_POSTGRES") is { Length: > 0 } cs ? cs : null;
    public static bool RequireAll => Environment.GetEnvironmentVariable("COLLECTIQ_REQUIRE_ALL_ENGINES") == "1";
    public const string MissingPostgres = "COLLECTIQ_TEST_POSTGRES is not set: run `source scripts/postgres.sh` first (./test does).";

    /// <summary>Creates an empty PostgreSQL database for one test; returns its connection string and a drop action.</summary>
    public static async Task<(string ConnectionString, Func<Task> Drop)> CreatePostgresDatabaseAsync()
    {
        var admin = PostgresConnectionString ?? throw new InvalidOperationException(MissingPostgres + " (COLLECTIQ_REQUIRE_ALL_ENGINES=1)");
        var name = "ciq_web_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        async Task Drop()
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        return (new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString, Drop);
    }
}

public sealed class SqliteEngineAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[Engines.Sqlite]];
}

public sealed class PostgresEngineAttribute : DataAttribute
{
    public PostgresEngineAttribute()
    {
        if (Engines.PostgresConnectionString is null && !Engines.RequireAll) Skip = Engines.MissingPostgres;
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[Engines.Postgres]];
}
