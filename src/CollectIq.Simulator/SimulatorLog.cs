using Microsoft.Extensions.Logging;

namespace CollectIq.Simulator;

/// <summary>The stand-in's log messages. Phone numbers appear masked only.</summary>
internal static partial class SimulatorLog
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "Simulated telephony at {BaseAddress}")]
    public static partial void Started(ILogger logger, string baseAddress);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Simulated call {CallSid} to {MaskedTo} placed (script {Script})")]
    public static partial void CallPlaced(ILogger logger, string callSid, string maskedTo, string script);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Simulated call {CallSid} is {Status}")]
    public static partial void StatusChanged(ILogger logger, string callSid, string status);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Simulated call {CallSid}: status callback answered HTTP {StatusCode}")]
    public static partial void CallbackRejected(ILogger logger, string callSid, int statusCode);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "Simulated call {CallSid}: status callback failed: {Reason}")]
    public static partial void CallbackFailed(ILogger logger, string callSid, string reason);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Warning, Message = "Simulated call {CallSid}: {Code} {Problem}")]
    public static partial void CallProblem(ILogger logger, string callSid, int? code, string problem);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Error, Message = "Simulated call {CallSid} crashed")]
    public static partial void CallCrashed(ILogger logger, Exception exception, string callSid);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Information, Message = "Simulated telephony stopped")]
    public static partial void Stopped(ILogger logger);
}
