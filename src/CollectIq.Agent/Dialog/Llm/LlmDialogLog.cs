using Microsoft.Extensions.Logging;

namespace CollectIq.Agent.Dialog.Llm;

/// <summary>Structured logs of the LLM brain: call id and reasons only — never amounts, names or numbers.</summary>
internal static partial class LlmDialogLog
{
    [LoggerMessage(EventId = 4400, Level = LogLevel.Warning, Message = "Call {CallId}: LLM reply {Turn} failed ({Reason}); the deterministic dialog answers ({Failures}/{MaxFailures} failures)")]
    public static partial void Fallback(ILogger logger, Exception? error, int callId, int turn, string reason, int failures, int maxFailures);

    [LoggerMessage(EventId = 4401, Level = LogLevel.Warning, Message = "Call {CallId}: LLM brain off for the rest of the call after {Failures} failures")]
    public static partial void Degraded(ILogger logger, int callId, int failures);

    [LoggerMessage(EventId = 4402, Level = LogLevel.Information, Message = "Call {CallId}: LLM tool call {Tool} handed to the deterministic confirmation")]
    public static partial void ToolCall(ILogger logger, int callId, string tool);

    [LoggerMessage(EventId = 4403, Level = LogLevel.Information, Message = "Call {CallId}: LLM sentence dropped by the guard ({Reason})")]
    public static partial void SentenceDropped(ILogger logger, int callId, string reason);

    [LoggerMessage(EventId = 4404, Level = LogLevel.Debug, Message = "Call {CallId}: LLM reply {Turn} cancelled ({Reason})")]
    public static partial void Cancelled(ILogger logger, int callId, int turn, string reason);
}
