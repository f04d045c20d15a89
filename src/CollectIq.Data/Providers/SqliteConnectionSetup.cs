using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CollectIq.Data.Providers;

/// <summary>
/// Per-connection SQLite settings, applied every time EF opens a (pooled) connection; these pragmas are not stored
/// in the file. Why (docs/PERFORMANCE.md, "SQLite under 40 calls"):
/// <list type="bullet">
/// <item><c>busy_timeout</c> = the connection string's <c>Default Timeout</c> (30 s unless set): a writer that finds
/// the write lock taken waits inside SQLite, which retries within milliseconds of the lock's release. Without it
/// Microsoft.Data.Sqlite polls on its own with a fixed 150 ms <c>Thread.Sleep</c>, so forty writers queue far longer
/// than the lock is actually held, and the luckless ones give up with "database is locked".</item>
/// <item><c>synchronous=NORMAL</c>: with WAL this is still crash-safe (a process crash loses nothing, the file is never
/// corrupted); only an OS crash or power loss can drop the last commits. FULL syncs the log on every commit, which
/// made each call event hold the single write lock for the length of an fsync.</item>
/// </list>
/// </summary>
public sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSetup Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        // Microsoft.Data.Sqlite is synchronous underneath; the async form would only add a state machine.
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        // Default Timeout=0 means "wait forever" to Microsoft.Data.Sqlite; busy_timeout 0 would mean "never wait".
        var timeoutMs = connection is SqliteConnection { DefaultTimeout: > 0 } sqlite ? Math.Min(sqlite.DefaultTimeout * 1000L, int.MaxValue) : int.MaxValue;
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {timeoutMs}; PRAGMA synchronous = NORMAL;";
        command.ExecuteNonQuery();
    }
}
