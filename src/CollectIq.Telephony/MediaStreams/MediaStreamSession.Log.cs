using Microsoft.Extensions.Logging;

namespace CollectIq.Telephony.MediaStreams;

public sealed partial class MediaStreamSession
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 3200, Level = LogLevel.Information, Message = "Media stream {StreamSid} started for call {CallSid} (call {CallId})")]
        public static partial void Started(ILogger logger, string streamSid, string callSid, int callId);

        [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Media stream {StreamSid} ended: {Reason} after {Frames} frames")]
        public static partial void Ended(ILogger logger, string? streamSid, StreamEndReason reason, long frames);

        [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "Media stream start rejected for call {CallSid}: {Reason}")]
        public static partial void StartRejected(ILogger logger, string? callSid, string reason);

        [LoggerMessage(EventId = 3203, Level = LogLevel.Warning, Message = "Media stream {StreamSid}: {Kind} — {Detail}")]
        public static partial void ProtocolError(ILogger logger, string? streamSid, string kind, string detail);

        [LoggerMessage(EventId = 3204, Level = LogLevel.Error, Message = "Media stream {StreamSid}: the handler failed in {Method}")]
        public static partial void HandlerFailed(ILogger logger, Exception exception, string? streamSid, string method);

        [LoggerMessage(EventId = 3205, Level = LogLevel.Warning, Message = "Media stream {StreamSid}: recording event {Type} failed")]
        public static partial void RecorderFailed(ILogger logger, Exception exception, string? streamSid, string type);

        [LoggerMessage(EventId = 3206, Level = LogLevel.Debug, Message = "Media stream {StreamSid}: socket send failed")]
        public static partial void SendFailed(ILogger logger, Exception exception, string? streamSid);

        [LoggerMessage(EventId = 3207, Level = LogLevel.Error, Message = "Media stream {StreamSid}: unexpected receive failure")]
        public static partial void ReceiveFailed(ILogger logger, Exception exception, string? streamSid);

        [LoggerMessage(EventId = 3208, Level = LogLevel.Information, Message = "Media stream {StreamSid}: closing ({Status}) {Description}")]
        public static partial void Closing(ILogger logger, string? streamSid, System.Net.WebSockets.WebSocketCloseStatus status, string description);
    }
}
