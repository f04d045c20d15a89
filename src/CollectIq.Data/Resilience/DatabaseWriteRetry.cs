using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace CollectIq.Data.Resilience;

/// <summary>
/// Retries a whole unit of work (a fresh context each attempt) that SQLite refused with "database is locked"
/// (SQLITE_BUSY / SQLITE_LOCKED) after its busy timeout ran out. Such a failure means nothing was committed, so running
/// the unit again loses nothing and writes nothing twice. Each retry is logged with the call id; the last failure is
/// thrown to the caller (who logs it with the call id too). Other errors, and every PostgreSQL error, pass through.
/// </summary>
public sealed partial class DatabaseWriteRetry
{
    private static readonly ResiliencePropertyKey<int> CallIdKey = new("collectiq.call-id");
    private static readonly ResiliencePropertyKey<string> OperationKey = new("collectiq.operation");

    private readonly ResiliencePipeline _pipeline;

    /// <param name="maxRetries">Retries after the first attempt (each already waited the busy timeout for the lock).</param>
    public DatabaseWriteRetry(ILogger logger, int maxRetries = 4, TimeSpan? firstDelay = null)
    {
        // The back-off is a wall-clock wait for another connection to let go of the lock, not business time, so it
        // uses Polly's default (system) clock: a test's frozen FakeTimeProvider must not freeze a retry.
        _pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsLocked),
                MaxRetryAttempts = maxRetries,
                Delay = firstDelay ?? TimeSpan.FromMilliseconds(200),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    args.Context.Properties.TryGetValue(CallIdKey, out var callId);
                    args.Context.Properties.TryGetValue(OperationKey, out var operation);
                    LogRetry(logger, callId, operation ?? "write", args.AttemptNumber + 1, (long)args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>True for SQLite's "database is locked" / "database table is locked", bare or inside EF's DbUpdateException.</summary>
    public static bool IsLocked(Exception exception) => exception switch
    {
        SqliteException sqlite => IsLockedCode(sqlite),
        DbUpdateException { InnerException: SqliteException sqlite } => IsLockedCode(sqlite),
        _ => false,
    };

    private static bool IsLockedCode(SqliteException e) => e.SqliteErrorCode is SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED;

    /// <summary>Runs <paramref name="unit"/>, again from the start if SQLite reports the database locked.</summary>
    public async Task<T> ExecuteAsync<T>(int callId, string operation, Func<CancellationToken, Task<T>> unit, CancellationToken ct = default)
    {
        var context = ResilienceContextPool.Shared.Get(ct);
        context.Properties.Set(CallIdKey, callId);
        context.Properties.Set(OperationKey, operation);
        try
        {
            return await _pipeline.ExecuteAsync(static async (ctx, work) => await work(ctx.CancellationToken).ConfigureAwait(false), context, unit).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public Task ExecuteAsync(int callId, string operation, Func<CancellationToken, Task> unit, CancellationToken ct = default) =>
        ExecuteAsync(callId, operation, async token => { await unit(token).ConfigureAwait(false); return true; }, ct);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: {Operation} found the database locked; retry {Attempt} in {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, int callId, string operation, int attempt, long delayMs);
}
