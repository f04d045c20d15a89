using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CollectIq.Outreach.Scheduling;

/// <summary>
/// Runs around Quartz's start-up, which creates the job-store tables when missing (ProvisionSchema).
/// SQLite: makes sure the file's directory exists and switches the file to WAL (readers do not block the writer).
/// PostgreSQL: holds a session advisory lock from before Quartz starts until the host has started, so instances
/// booting together create the schema one after the other instead of racing on CREATE TABLE.
/// </summary>
public sealed partial class JobStoreStartupGuard(SchedulerStoreOptions store, ILogger<JobStoreStartupGuard> logger) : IHostedLifecycleService, IAsyncDisposable
{
    /// <summary>Shared by every CollectIQ instance ("CIQ-QRTZ").</summary>
    public const long AdvisoryLockKey = 0x4349_512D_5152_545A;
    private NpgsqlConnection? _lockConnection;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (store.IsPostgres)
        {
            _lockConnection = new NpgsqlConnection(store.ConnectionString);
            await _lockConnection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({AdvisoryLockKey})", _lockConnection);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return;
        }
        var builder = new SqliteConnectionStringBuilder(store.ConnectionString);
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(builder.DataSource))
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
            await using var connection = new SqliteConnection(store.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        LogStore(logger, "SQLite");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        if (_lockConnection is null) return;
        await ReleaseAsync();
        LogStore(logger, "PostgreSQL (clustered)");
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ReleaseAsync()
    {
        if (_lockConnection is null) return;
        try
        {
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({AdvisoryLockKey})", _lockConnection);
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            await _lockConnection.DisposeAsync(); // closing the session releases the lock in any case
            _lockConnection = null;
        }
    }

    public async ValueTask DisposeAsync() => await ReleaseAsync();

    [LoggerMessage(Level = LogLevel.Information, Message = "Outreach scheduler job store: {Engine}.")]
    private static partial void LogStore(ILogger logger, string engine);
}
