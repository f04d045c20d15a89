using CollectIq.Domain.Calls;

namespace CollectIq.Agent.Tests.Fakes;

/// <summary>Keeps the call record in memory the way the data layer would (turn ids assigned on append).</summary>
internal sealed class InMemoryCallRecorder : ICallRecorder
{
    private long _nextTurnId;
    public List<TranscriptTurn> Turns { get; } = [];
    public List<(string Type, string? Detail)> Events { get; } = [];
    public List<(CallOutcome Outcome, string? Json)> Outcomes { get; } = [];

    public Task RecordEventAsync(int callId, string type, string? detail, CancellationToken ct = default)
    {
        lock (this) Events.Add((type, detail));
        return Task.CompletedTask;
    }

    public Task AppendTurnAsync(int callId, TranscriptTurn turn, CancellationToken ct = default)
    {
        lock (this) { turn.Id = ++_nextTurnId; Turns.Add(turn); }
        return Task.CompletedTask;
    }

    public Task MarkTurnInterruptedAsync(int callId, long turnId, string heardText, CancellationToken ct = default)
    {
        lock (this)
        {
            var turn = Turns.Single(t => t.Id == turnId);
            turn.Interrupted = true;
            turn.HeardText = heardText;
        }
        return Task.CompletedTask;
    }

    public Task SetOutcomeAsync(int callId, CallOutcome outcome, string? detailJson, CancellationToken ct = default)
    {
        lock (this) Outcomes.Add((outcome, detailJson));
        return Task.CompletedTask;
    }

    public Task AttachStreamAsync(int callId, string streamSid, string callSid, CancellationToken ct = default) => Task.CompletedTask;

    public Task<bool> AdvanceStatusAsync(int callId, string status, string source, CallStatusDetails? details = null, CancellationToken ct = default) => Task.FromResult(true);
}
