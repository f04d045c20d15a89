using System.Reflection;
using Xunit.Sdk;

namespace CollectIq.Data.Tests.Infrastructure;

/// <summary>
/// Which database engines the persistence tests run on. PostgreSQL comes from COLLECTIQ_TEST_POSTGRES
/// (<c>source scripts/postgres.sh</c>); without it those cases are skipped, or fail when
/// COLLECTIQ_REQUIRE_ALL_ENGINES=1 (as ./test sets).
/// </summary>
public static class Engines
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public static string? PostgresConnectionString => Environment.GetEnvironmentVariable("COLLECTIQ_TEST_POSTGRES") is { Length: > 0 } cs ? cs : null;

    public static bool RequireAll => Environment.GetEnvironmentVariable("COLLECTIQ_REQUIRE_ALL_ENGINES") == "1";

    public const string MissingPostgres = "COLLECTIQ_TEST_POSTGRES is not set: run `source scripts/postgres.sh` first (./test does).";
}

/// <summary>Runs the theory on SQLite (a temporary file).</summary>
public sealed class SqliteEngineAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[Engines.Sqlite]];
}

/// <summary>Runs the theory on PostgreSQL (a fresh database), skipped with a message when none is configured.</summary>
public sealed class PostgresEngineAttribute : DataAttribute
{
    public PostgresEngineAttribute()
    {
        if (Engines.PostgresConnectionString is null && !Engines.RequireAll) Skip = Engines.MissingPostgres;
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[Engines.Postgres]];
}
