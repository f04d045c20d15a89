using Microsoft.Extensions.Logging;

namespace CollectIq.Agent.Pipeline;

internal static partial class AgentLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Warning, Message = "Call {CallId}: payer {PayerId} not found; hanging up")]
    public static partial void PayerMissing(ILogger logger, int callId, int payerId);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Error, Message = "Call {CallId}: the conversation failed")]
    public static partial void ConversationFailed(ILogger logger, Exception error, int callId);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "Call {CallId}: the conversation did not end in time after the stream stopped")]
    public static partial void StopTimedOut(ILogger logger, int callId);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Warning, Message = "Call {CallId}: payer {PayerId} has opted out; hanging up without speaking")]
    public static partial void PayerOptedOut(ILogger logger, int callId, int payerId);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning, Message = "Warming the fixed agent sentences failed")]
    public static partial void WarmupFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 4205, Level = LogLevel.Information, Message = "Thread pool minimum raised from {Before} to {After} worker threads (Agent:MinThreadPoolThreads)")]
    public static partial void ThreadPoolRaised(ILogger logger, int before, int after);
}
