namespace CollectIq.Agent.Conversation;

/// <summary>
/// Something that happened on the call. <see cref="At"/> is stamped by the queue when posted, so
/// timing (metrics, "was this mark played before we cleared?") does not depend on how long the
/// event waited in the queue.
/// </summary>
public abstract record ConversationEvent
{
    public DateTimeOffset At { get; internal set; }

    /// <summary>Urgent events overtake queued data (transcripts, marks, timers).</summary>
    public virtual bool IsUrgent => false;
}

/// <summary>
/// VAD: the payer started speaking. <paramref name="Sequence"/> pairs it with its stop. <paramref name="SpeechStartedAt"/>
/// is when the voiced audio began (stream clock converted to wall time), earlier than <see cref="ConversationEvent.At"/>
/// by the VAD's onset time; null when unknown. The barge-in delay is measured from it.
/// </summary>
public sealed record PayerStartedSpeaking(long Sequence, DateTimeOffset? SpeechStartedAt = null) : ConversationEvent
{
    public override bool IsUrgent => true;
}

/// <summary>
/// Endpointer: the payer's turn is over. <paramref name="SpeechEndedAt"/> is when the last voiced
/// audio was (stream clock converted to wall time), earlier than <see cref="ConversationEvent.At"/>
/// by the endpointing delay.
/// </summary>
public sealed record PayerStoppedSpeaking(long Sequence, DateTimeOffset SpeechEndedAt) : ConversationEvent;

/// <summary>The recognizer's final result for the last payer turn.</summary>
public sealed record FinalTranscript(string Text, double Confidence, IReadOnlyList<string> Alternatives) : ConversationEvent;

public sealed record DtmfReceived(char Digit) : ConversationEvent
{
    public override bool IsUrgent => true;
}

/// <summary>Twilio echoed a mark (played, or flushed by a clear).</summary>
public sealed record MarkEchoed(string Name) : ConversationEvent;

/// <summary>The stream ended (stop, socket closed, hang-up).</summary>
public sealed record StreamStopped : ConversationEvent
{
    public override bool IsUrgent => true;
}

/// <summary>Internal: the minimum barge-in duration has passed for the speech that started with <paramref name="Sequence"/>.</summary>
internal sealed record BargeInDue(long Sequence) : ConversationEvent
{
    public override bool IsUrgent => true;
}

/// <summary>Internal: a paused (possibly false) interruption got no transcript in time after the payer stopped.</summary>
internal sealed record FalseInterruptionDue(long Sequence) : ConversationEvent;

/// <summary>Internal: the silence timer of generation <paramref name="Generation"/> fired.</summary>
internal sealed record SilenceElapsed(long Generation) : ConversationEvent;

/// <summary>Internal: the goodbye has not been confirmed played in time; hang up anyway.</summary>
internal sealed record HangUpDue : ConversationEvent;

/// <summary>Internal (from the speaking task): the first audio of an utterance was handed to the outbound media.</summary>
internal sealed record FirstAudioSent(int UtteranceId, DateTimeOffset SynthesisStartedAt) : ConversationEvent;

/// <summary>Internal (from the speaking task): synthesis or sending failed.</summary>
internal sealed record SpeakingFailed(int UtteranceId, Exception Error) : ConversationEvent;

/// <summary>Internal: the intent classifier's opinion on a transcript is ready (or null: none in time).</summary>
internal sealed record TranscriptUnderstood(FinalTranscript Transcript, Understanding.Llm.IntentHint? Hint, DateTimeOffset? SpeechEndedAt, DateTimeOffset? EndpointAt, long StartedTimestamp) : ConversationEvent;
