using CollectIq.Domain.Calls;

namespace CollectIq.Web.Live;

/// <summary>
/// In-process push of what happens on calls (status, transcript turns, outcomes, events) to whoever is
/// watching: the web app's circuits. Fed by <see cref="NotifyingCallRecorder"/>, so anything written
/// through <see cref="ICallRecorder"/> (webhooks, media-stream session, agent) is pushed as it is stored.
/// </summary>
public interface ICallLiveFeed
{
    /// <param name="callId">One call, or null for every call (the worklist).</param>
    /// <param name="onUpdate">Runs on the publisher's thread: keep it short and never throw.</param>
    IDisposable Subscribe(int? callId, Action<CallLiveUpdate> onUpdate);

    void Publish(CallLiveUpdate update);
}

public enum CallLiveUpdateKind
{
    Status,
    Turn,
    TurnInterrupted,
    Outcome,
    Event,
}

/// <summary>One thing that happened on a call, after it was stored.</summary>
public sealed record CallLiveUpdate(int CallId, CallLiveUpdateKind Kind, DateTimeOffset At)
{
    public string? Status { get; init; }
    public TranscriptTurn? Turn { get; init; }
    public CallOutcome? Outcome { get; init; }
    /// <summary>Event type (dtmf, start, stop…) or, for an interrupted turn, the heard text.</summary>
    public string? EventType { get; init; }
    public string? Detail { get; init; }
}
