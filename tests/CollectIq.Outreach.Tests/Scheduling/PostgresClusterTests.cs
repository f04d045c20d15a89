using CollectIq.Outreach.Audit;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using static CollectIq.Outreach.Tests.Candidates;

namespace CollectIq.Outreach.Tests.Scheduling;

/// <summary>
/// Two schedulers (two hosts with their own containers and Quartz instances) share one PostgreSQL job store as a
/// Quartz cluster. Needs COLLECTIQ_TEST_POSTGRES (<c>source scripts/postgres.sh</c>); skipped without it unless
/// COLLECTIQ_REQUIRE_ALL_ENGINES=1, which turns the absence into a failure.
/// </summary>
public sealed class PostgresClusterTests
{
    private static string? AdminConnectionString()
    {
        var cs = Environment.GetEnvironmentVariable("COLLECTIQ_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(cs)) return cs;
        if (Environment.GetEnvironmentVariable("COLLECTIQ_REQUIRE_ALL_ENGINES") == "1")
            Assert.Fail("COLLECTIQ_TEST_POSTGRES is not set and COLLECTIQ_REQUIRE_ALL_ENGINES=1: run `source scripts/postgres.sh` first.");
        return null;
    }

    private static async Task<string> CreateDatabaseAsync(string admin)
    {
        var name = "collectiq_outreach_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true }.ConnectionString;
    }

    [Fact]
    public async Task Cluster_TwoInstancesOneStore_EveryDuePayerDialedExactlyOnceEvenWhenOneStops()
    {
        var admin = AdminConnectionString();
        if (admin is null) return; // no PostgreSQL here and not required: nothing to test against
        var connectionString = await CreateDatabaseAsync(admin);

        var time = new FakeTimeProvider(Local("America/New_York", 2026, 7, 14, 10, 0));
        var now = time.GetUtcNow();
        var book = new InMemoryCandidateSource(); // stands for the shared application database
        const int due = 24;
        for (var i = 1; i <= due; i++) book.Add(For(Payer(i, open: 500m + i, asOf: now), now));
        for (var i = 101; i <= 104; i++) book.Add(For(Payer(i, daysPastDue: 40, asOf: now), now)); // STAGE_2: never called
        var audit = new InMemoryAuditLog();
        var settings = new Dictionary<string, string?>
        {
            ["Outreach:Throttle:CallsPerSecond"] = "4",
            ["Outreach:Throttle:MaxConcurrentCalls"] = "100",
        };

        // Both boot at once against an empty database: the schema is created once, no start-up race.
        var startA = OutreachHost.StartAsync(connectionString, book, time, settings, instanceId: "node-a", audit: audit);
        var startB = OutreachHost.StartAsync(connectionString, book, time, settings, instanceId: "node-b", audit: audit);
        var a = await startA;
        var b = await startB;
        try
        {
            Assert.True((await a.Control.GetStateAsync()).Clustered);

            // Stop node A part-way through: the calls it had not fired yet stay in the store and node B fires them.
            await Eventually.WaitAsync(() => a.Dialer.Dials.Count + b.Dialer.Dials.Count >= 4, "the first calls");
            await a.DisposeAsync();
            var dialedByA = a.Dialer.DialedPayers.ToList();

            await Eventually.WaitAsync(() => dialedByA.Count + b.Dialer.Dials.Count >= due, "every due payer", timeoutSeconds: 60);
            await Task.Delay(3000); // further passes on B must not dial anyone again

            var all = dialedByA.Concat(b.Dialer.DialedPayers).ToList();
            Assert.Equal(Enumerable.Range(1, due), all.Order());
            Assert.NotEmpty(b.Dialer.Dials);
            var called = (await audit.ReadAsync(null, 10_000)).Where(e => e.Action == AuditActions.Called).Select(e => e.PayerId!.Value).ToList();
            Assert.Equal(Enumerable.Range(1, due), called.Order());
        }
        finally
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
            await DropDatabaseAsync(admin, connectionString);
        }
    }

    private static async Task DropDatabaseAsync(string admin, string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
