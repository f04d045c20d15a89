using System.Threading.Channels;
using CollectIq.Domain.Calls;
using Microsoft.Extensions.Logging;

namespace CollectIq.Agent.Conversation;

/// <summary>
/// Writes to <see cref="ICallRecorder"/> in order on its own task, so a slow database never
/// delays turn-taking, and a failed write is logged and skipped (the call goes on).
/// </summary>
internal sealed class CallRecordWriter : IAsyncDisposable
{
    private readonly Channel<(string Operation, Func<CancellationToken, Task> Write)> _writes =
        Channel.CreateUnbounded<(string, Func<CancellationToken, Task>)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly int _callId;
    private readonly ILogger _logger;
    private readonly Task _loop;
    private int _pending;

    public CallRecordWriter(int callId, ILogger logger)
    {
        _callId = callId;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    public int Pending => Volatile.Read(ref _pending);

    public void Enqueue(string operation, Func<CancellationToken, Task> write)
    {
        Interlocked.Increment(ref _pending);
        if (!_writes.Writer.TryWrite((operation, write))) Interlocked.Decrement(ref _pending);
    }

    /// <summary>Waits until everything queued so far is written (tests, shutdown).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue("flush", _ => { done.TrySetResult(); return Task.CompletedTask; });
        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        await foreach (var (operation, write) in _writes.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try { await write(CancellationToken.None).ConfigureAwait(false); }
            catch (Exception e) { ConversationLog.RecorderFailed(_logger, e, _callId, operation); }
            finally { Interlocked.Decrement(ref _pending); }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }
}
