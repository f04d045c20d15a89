using Microsoft.Extensions.Logging;

namespace CollectIq.Agent.Conversation;

internal static partial class ConversationLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Call {CallId}: barge-in after {HeardSentences}/{Sentences} sentences of utterance {UtteranceId}, clear {BargeInDelayMs:0} ms after speech onset (-1: keypad)")]
    public static partial void BargeIn(ILogger logger, int callId, int utteranceId, int heardSentences, int sentences, double bargeInDelayMs);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Information, Message = "Call {CallId}: false interruption ({Reason}, {SpeechMs:0} ms of speech); {Resumed} utterance(s) resumed")]
    public static partial void FalseInterruption(ILogger logger, int callId, string reason, double speechMs, int resumed);

    [LoggerMessage(EventId = 4108, Level = LogLevel.Debug, Message = "Call {CallId}: interruption of utterance {UtteranceId} is real ({Why})")]
    public static partial void InterruptionCommitted(ILogger logger, int callId, int utteranceId, string why);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Debug, Message = "Call {CallId}: speech blip ignored (shorter than the barge-in minimum)")]
    public static partial void BlipIgnored(ILogger logger, int callId);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Call {CallId}: dialog state {State}, outcome recorded {Outcome}")]
    public static partial void OutcomeRecorded(ILogger logger, int callId, string state, string outcome);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Call {CallId}: writing to the call record failed ({Operation})")]
    public static partial void RecorderFailed(ILogger logger, Exception error, int callId, string operation);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "Call {CallId}: speaking utterance {UtteranceId} failed")]
    public static partial void SpeakingFailed(ILogger logger, Exception error, int callId, int utteranceId);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Information, Message = "Call {CallId}: hanging up ({Reason})")]
    public static partial void HangingUp(ILogger logger, int callId, string reason);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Error, Message = "Call {CallId}: conversation event {EventType} failed")]
    public static partial void EventFailed(ILogger logger, Exception error, int callId, string eventType);

    [LoggerMessage(EventId = 4109, Level = LogLevel.Information, Message = "Call {CallId}: keypress held until utterance {UtteranceId} has played ({HeldKeys} held)")]
    public static partial void KeyHeld(ILogger logger, int callId, int utteranceId, int heldKeys);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Information, Message = "Call {CallId}: payer went on {GapMs} ms after the turn end; merged with the previous turn ({Reason})")]
    public static partial void TurnMerged(ILogger logger, int callId, double gapMs, string reason);
}
