using System.Runtime.CompilerServices;
using CollectIq.Domain.Calls;
using CollectIq.Simulator.MediaStreams;
using CollectIq.Simulator.Scripts;

namespace CollectIq.Simulator.Calls;

/// <summary>
/// One call placed on the stand-in: its status, what was said and played, and a replayable event
/// stream. Created by the Calls API; driven by <see cref="CallRunner"/>.
/// </summary>
public sealed class SimulatedCall
{
    private readonly object gate = new();
    private readonly List<SimulatedCallEvent> events = [];
    private readonly TimeProvider time;
    private readonly CancellationTokenSource hangUp = new();
    private readonly TaskCompletionSource completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string status = CallStatuses.Queued;
    private bool finished;

    internal SimulatedCall(string sid, string accountSid, CallRequest request, CalleeScript script, TimeProvider time)
    {
        Sid = sid;
        AccountSid = accountSid;
        Request = request;
        Script = script;
        this.time = time;
        CreatedAt = time.GetUtcNow();
        Line = new CallLine(time);
        Append(new CallStatusChanged(sid, CreatedAt, status));
    }

    public string Sid { get; }
    public string AccountSid { get; }
    public CallRequest Request { get; }
    public CalleeScript Script { get; }
    public DateTimeOffset CreatedAt { get; }
    public DateTimeOffset? AnsweredAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    public string? AnsweredBy { get; internal set; }
    public string Status { get { lock (gate) return status; } }
    public AgentAudioLog AgentAudio { get; } = new();
    public CallLine Line { get; }

    /// <summary>Whole seconds from answer to end (Twilio's CallDuration); null until the call ends, 0 when never answered.</summary>
    public int? DurationSeconds => EndedAt is { } end ? AnsweredAt is { } start ? (int)Math.Round((end - start).TotalSeconds) : 0 : null;

    /// <summary>Completes when the call has ended and its status callbacks were delivered (or gave up).</summary>
    public Task Completion => completion.Task;

    /// <summary>Why the call is ending, once something ended it (caller hung up, API, TwiML).</summary>
    public string? EndReason { get; private set; }

    /// <summary>Cancelled when the caller hangs up or the call is ended through the API.</summary>
    public CancellationToken HangUpToken => hangUp.Token;

    public IReadOnlyList<SimulatedCallEvent> Events { get { lock (gate) return events.ToList(); } }

    /// <summary>The simulated payer hangs up now (also what the script's HangUp step does).</summary>
    public void HangUp(string reason = "caller hung up")
    {
        lock (gate) EndReason ??= reason;
        try { hangUp.Cancel(); } catch (ObjectDisposedException) { }
    }

    /// <summary>
    /// Every event of this call, from the first, then live ones as they happen; ends when the call has
    /// finished (or <paramref name="cancellationToken"/> fires). Several watchers may read at once.
    /// </summary>
    public async IAsyncEnumerable<SimulatedCallEvent> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var next = 0;
        while (true)
        {
            SimulatedCallEvent[] batch;
            Task wait;
            bool done;
            lock (gate)
            {
                batch = events.Skip(next).ToArray();
                next = events.Count;
                wait = changed.Task;
                done = finished;
            }
            foreach (var e in batch) yield return e;
            if (done) yield break;
            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    internal DateTimeOffset Now => time.GetUtcNow();

    internal void Append(SimulatedCallEvent e)
    {
        TaskCompletionSource toSignal;
        lock (gate)
        {
            if (finished) return;
            events.Add(e);
            toSignal = changed;
            changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        toSignal.TrySetResult();
    }

    /// <summary>Moves the status forward (never backwards, never past a final status); false when it could not.</summary>
    internal bool TrySetStatus(string next)
    {
        lock (gate)
        {
            if (!CallStatuses.CanAdvance(status, next)) return false;
            status = next;
            var now = time.GetUtcNow();
            if (next == CallStatuses.InProgress) AnsweredAt = now;
            if (CallStatuses.IsTerminal(next)) EndedAt = now;
        }
        Append(new CallStatusChanged(Sid, EndedAt ?? time.GetUtcNow(), next));
        return true;
    }

    internal void Finish()
    {
        TaskCompletionSource toSignal;
        lock (gate)
        {
            finished = true;
            toSignal = changed;
        }
        toSignal.TrySetResult();
        completion.TrySetResult();
    }
}
