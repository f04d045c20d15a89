namespace CollectIq.Telephony.MediaStreams;

/// <summary>The <c>CallEvent.Type</c> values the session records (not every media frame).</summary>
public static class MediaStreamEventTypes
{
    public const string Start = "start";
    public const string StartRejected = "start-rejected";
    public const string Stop = "stop";
    public const string Mark = "mark";
    public const string Dtmf = "dtmf";
    public const string Clear = "clear";
    public const string HangUp = "hangup";
    /// <summary>Detail is "&lt;kind&gt;: &lt;what&gt;", kind from <see cref="MediaStreamErrorKinds"/>.</summary>
    public const string Error = "error";
    /// <summary>The socket is gone; detail has the reason and the frame count.</summary>
    public const string StreamEnded = "stream-ended";
}

/// <summary>The first word of an <see cref="MediaStreamEventTypes.Error"/> event's detail.</summary>
public static class MediaStreamErrorKinds
{
    public const string MalformedJson = "malformed-json";
    public const string MissingEvent = "missing-event";
    public const string InvalidField = "invalid-field";
    public const string InvalidBase64 = "invalid-base64";
    public const string UnknownEvent = "unknown-event";
    public const string MediaBeforeStart = "media-before-start";
    public const string EventBeforeStart = "event-before-start";
    public const string WrongStreamSid = "wrong-stream-sid";
    public const string DuplicateStart = "duplicate-start";
    public const string MessageTooLarge = "message-too-large";
    public const string BinaryFrame = "binary-frame";
    public const string StartTimeout = "start-timeout";
    public const string HandlerFailed = "handler-failed";
    public const string ErrorsSuppressed = "errors-suppressed";
}
