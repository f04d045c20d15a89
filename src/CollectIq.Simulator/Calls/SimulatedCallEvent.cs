namespace CollectIq.Simulator.Calls;

/// <summary>Something that happened on a simulated call, in order; what <c>./run call</c> prints.</summary>
public abstract record SimulatedCallEvent(string CallSid, DateTimeOffset At);

/// <summary>The call moved to a Twilio status (queued, initiated, ringing, in-progress, completed, busy, no-answer, failed, canceled).</summary>
public sealed record CallStatusChanged(string CallSid, DateTimeOffset At, string Status) : SimulatedCallEvent(CallSid, At)
{
    public override string ToString() => $"status {Status}";
}

/// <summary>The agent said text through TwiML <c>&lt;Say&gt;</c> (or played a URL with <c>&lt;Play&gt;</c>).</summary>
public sealed record AgentSpoke(string CallSid, DateTimeOffset At, string Text) : SimulatedCallEvent(CallSid, At)
{
    public override string ToString() => $"agent: {Text}";
}

/// <summary>The agent's streamed audio played for a while (from the first audible frame to the next silence).</summary>
public sealed record AgentAudioPlayed(string CallSid, DateTimeOffset At, long StreamStartMs, int DurationMs) : SimulatedCallEvent(CallSid, At)
{
    public override string ToString() => $"agent audio {DurationMs} ms at {StreamStartMs} ms";
}

/// <summary>The simulated payer spoke (text, or a clip's label).</summary>
public sealed record CallerSpoke(string CallSid, DateTimeOffset At, string Text, int DurationMs) : SimulatedCallEvent(CallSid, At)
{
    public override string ToString() => $"payer: {Text}";
}

public sealed record CallerPressedDigits(string CallSid, DateTimeOffset At, string Digits) : SimulatedCallEvent(CallSid, At)
{
    public override string ToString() => $"payer pressed {Digits}";
}

/// <summary>A mark was echoed to the agent: playback reached it, or a clear flushed it (<paramref name="Cleared"/>).</summary>
public sealed record MarkEchoed(string CallSid, DateTimeOffset At, string Name, bool Cleared) : SimulatedCallEvent(CallSid, At)
{
    public override string ToString() => Cleared ? $"mark {Name} (cleared)" : $"mark {Name}";
}

/// <summary>The agent sent <c>clear</c> (barge-in): buffered agent audio was dropped at <paramref name="StreamMs"/>.</summary>
public sealed record AgentCleared(string CallSid, DateTimeOffset At, long StreamMs) : SimulatedCallEvent(CallSid, At)
{
    public override string ToString() => $"agent audio cleared at {StreamMs} ms";
}

public sealed record StreamStarted(string CallSid, DateTimeOffset At, string StreamSid, string Url) : SimulatedCallEvent(CallSid, At)
{
    public override string ToString() => $"media stream {StreamSid} to {Url}";
}

public sealed record StreamEnded(string CallSid, DateTimeOffset At, string StreamSid, string Reason) : SimulatedCallEvent(CallSid, At)
{
    public override string ToString() => $"media stream ended: {Reason}";
}

/// <summary>Something went wrong that Twilio would show in its debugger (a Twilio error code when there is one).</summary>
public sealed record CallProblem(string CallSid, DateTimeOffset At, int? Code, string Message) : SimulatedCallEvent(CallSid, At)
{
    public override string ToString() => Code is null ? $"problem: {Message}" : $"problem {Code}: {Message}";
}
