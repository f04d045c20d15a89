using System.Collections.Concurrent;
using CollectIq.Domain.Calls;

namespace CollectIq.Telephony.Tests.Infrastructure;

/// <summary>ICallRecorder test double: keeps events in memory; <see cref="OnRecordEvent"/> can make it fail or stall.</summary>
public sealed class InMemoryCallRecorder : ICallRecorder
{
    public sealed record RecordedEvent(int CallId, string Type, string? Detail);

    public ConcurrentQueue<RecordedEvent> Events { get; } = new();
    public ConcurrentQueue<(int CallId, string StreamSid, string CallSid)> AttachedStreams { get; } = new();

    /// <summary>Runs before an event is stored; throw to simulate a broken database.</summary>
    public Func<int, string, string?, Task>? OnRecordEvent { get; set; }

    public async Task RecordEventAsync(int callId, string type, string? detail, CancellationToken ct = default)
    {
        if (OnRecordEvent is not null) await OnRecordEvent(callId, type, detail);
        Events.Enqueue(new RecordedEvent(callId, type, detail));
    }

    public Task AttachStreamAsync(int callId, string streamSid, string callSid, CancellationToken ct = default)
    {
        AttachedStreams.Enqueue((callId, streamSid, callSid));
        return Task.CompletedTask;
    }

    public Task AppendTurnAsync(int callId, TranscriptTurn turn, CancellationToken ct = default) => Task.CompletedTask;
    public Task MarkTurnInterruptedAsync(int callId, long turnId, string heardText, CancellationToken ct = default) => Task.CompletedTask;
    public Task SetOutcomeAsync(int callId, CallOutcome outcome, string? detailJson, CancellationToken ct = default) => Task.CompletedTask;
    public Task<bool> AdvanceStatusAsync(int callId, string status, string source, CallStatusDetails? details = null, CancellationToken ct = default) => Task.FromResult(true);

    public IReadOnlyList<RecordedEvent> For(int callId) => Events.Where(e => e.CallId == callId).ToList();

    /// <summary>Waits (polling, generous timeout) until an event matching <paramref name="match"/> is recorded.</summary>
    public async Task<RecordedEvent> WaitForAsync(Func<RecordedEvent, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            var found = Events.FirstOrDefault(match);
            if (found is not null) return found;
            await Task.Delay(20);
        }
        throw new TimeoutException("No matching call event. Recorded: " + string.Join(" | ", Events.Select(e => $"{e.CallId}:{e.Type}:{e.Detail}")));
    }
}
