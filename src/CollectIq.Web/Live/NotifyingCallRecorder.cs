using CollectIq.Domain.Calls;

namespace CollectIq.Web.Live;

/// <summary>
/// Decorates the stored <see cref="ICallRecorder"/>: after each write succeeds, the change is published
/// on <see cref="ICallLiveFeed"/>. Publishing after the write means a watcher that re-reads the database
/// always finds what it was told about.
/// </summary>
public sealed class NotifyingCallRecorder(ICallRecorder inner, ICallLiveFeed feed, TimeProvider time) : ICallRecorder
{
    public async Task RecordEventAsync(int callId, string type, string? detail, CancellationToken ct = default)
    {
        await inner.RecordEventAsync(callId, type, detail, ct);
        feed.Publish(new CallLiveUpdate(callId, CallLiveUpdateKind.Event, time.GetUtcNow()) { EventType = type, Detail = detail });
    }

    public async Task AppendTurnAsync(int callId, TranscriptTurn turn, CancellationToken ct = default)
    {
        await inner.AppendTurnAsync(callId, turn, ct);
        feed.Publish(new CallLiveUpdate(callId, CallLiveUpdateKind.Turn, time.GetUtcNow()) { Turn = turn });
    }

    public async Task MarkTurnInterruptedAsync(int callId, long turnId, string heardText, CancellationToken ct = default)
    {
        await inner.MarkTurnInterruptedAsync(callId, turnId, heardText, ct);
        feed.Publish(new CallLiveUpdate(callId, CallLiveUpdateKind.TurnInterrupted, time.GetUtcNow()) { Detail = heardText, EventType = turnId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    public async Task SetOutcomeAsync(int callId, CallOutcome outcome, string? detailJson, CancellationToken ct = default)
    {
        await inner.SetOutcomeAsync(callId, outcome, detailJson, ct);
        feed.Publish(new CallLiveUpdate(callId, CallLiveUpdateKind.Outcome, time.GetUtcNow()) { Outcome = outcome, Detail = detailJson });
    }

    public Task AttachStreamAsync(int callId, string streamSid, string callSid, CancellationToken ct = default) =>
        inner.AttachStreamAsync(callId, streamSid, callSid, ct);

    public async Task<bool> AdvanceStatusAsync(int callId, string status, string source, CallStatusDetails? details = null, CancellationToken ct = default)
    {
        var advanced = await inner.AdvanceStatusAsync(callId, status, source, details, ct);
        if (advanced)
            feed.Publish(new CallLiveUpdate(callId, CallLiveUpdateKind.Status, time.GetUtcNow()) { Status = CallStatuses.Normalize(status), Detail = source });
        return advanced;
    }
}
