using CollectIq.Data.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CollectIq.Data.Tests.Calls;

/// <summary>SQLite only: what a call's write does when another connection holds the write lock.</summary>
public sealed class LockedDatabaseTests
{
    [Theory, SqliteEngine]
    public async Task Connection_Opened_WaitsForLocksInsideSqliteAndSyncsNormally(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine, sqliteOptions: ";Default Timeout=7");
        await using var context = await db.Contexts.CreateDbContextAsync();
        await context.Database.OpenConnectionAsync();
        var connection = context.Database.GetDbConnection();

        Assert.Equal(7000L, await ScalarAsync(connection, "PRAGMA busy_timeout;"));
        Assert.Equal(1L, await ScalarAsync(connection, "PRAGMA synchronous;")); // NORMAL
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode;"));
    }

    [Theory, SqliteEngine]
    public async Task RecordEvent_LockHeldLongerThanTheTimeout_IsRetriedAndStored(string engine)
    {
        // One second of busy timeout, so the first attempt surely fails while the lock below is held.
        await using var db = await TestDatabase.CreateAsync(engine, sqliteOptions: ";Default Timeout=1");
        var callId = await db.AddCallAsync(await db.AddPayerAsync(Books.Payer("Acme")), DateTimeOffset.UnixEpoch);
        var recorder = db.Recorder(TimeProvider.System);

        await using var holder = new SqliteConnection(db.Settings.ConnectionString);
        await holder.OpenAsync();
        await using var transaction = (SqliteTransaction)await holder.BeginTransactionAsync(); // BEGIN IMMEDIATE: the write lock

        var write = Task.Run(() => recorder.RecordEventAsync(callId, "mark", "written while another connection held the lock"));
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.False(write.IsCompleted); // still waiting (or retrying), not failed
        await transaction.CommitAsync();
        await write;

        await using var context = await db.Contexts.CreateDbContextAsync();
        Assert.Equal("written while another connection held the lock", (await context.CallEvents.SingleAsync(e => e.CallId == callId)).Detail);
    }

    private static async Task<object?> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
