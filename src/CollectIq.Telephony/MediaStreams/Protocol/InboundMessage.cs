namespace CollectIq.Telephony.MediaStreams.Protocol;

/// <summary>The <c>event</c> of a message from Twilio.</summary>
public enum InboundEventType
{
    /// <summary>Nothing parsed yet, or the message had no <c>event</c>.</summary>
    None,
    Connected,
    Start,
    Media,
    Dtmf,
    Mark,
    Stop,
    /// <summary>An event name we do not know (<see cref="InboundMessage.UnknownEventName"/>).</summary>
    Unknown,
}

public enum InboundParseError
{
    None,
    /// <summary>Not JSON, or not a JSON object.</summary>
    MalformedJson,
    /// <summary>A JSON object without an <c>event</c> string.</summary>
    MissingEvent,
    /// <summary>A media payload that is not valid base64.</summary>
    InvalidBase64,
    /// <summary>A required field is missing or has the wrong type (detail says which).</summary>
    InvalidField,
}

/// <summary>How a message's <c>streamSid</c> relates to the stream we expect.</summary>
public enum StreamSidMatch
{
    Absent,
    Matches,
    Differs,
    /// <summary>Present, but no stream was expected yet (before <c>start</c>); see <see cref="InboundMessage.StreamSid"/>.</summary>
    Unchecked,
}

public enum MediaTrack
{
    /// <summary>Absent: Twilio's inbound-only streams may omit it.</summary>
    Unspecified,
    Inbound,
    Outbound,
    Other,
}

/// <summary>
/// One parsed inbound message. A session owns one instance and the parser overwrites it for every
/// message, so the per-frame path allocates nothing: media payloads live in the parser's reused
/// buffer and the stream sid is compared as bytes, not materialised as a string.
/// </summary>
public sealed class InboundMessage
{
    public InboundEventType Type { get; internal set; }
    public InboundParseError Error { get; internal set; }
    /// <summary>Why parsing failed (allocated on the error path only).</summary>
    public string? ErrorDetail { get; internal set; }
    public string? UnknownEventName { get; internal set; }
    /// <summary>-1 when absent.</summary>
    public long SequenceNumber { get; internal set; }
    public StreamSidMatch StreamSidMatch { get; internal set; }
    /// <summary>The sid as text, only when it could not be matched against an expected one (Unchecked / Differs).</summary>
    public string? StreamSid { get; internal set; }

    // media
    public MediaTrack Track { get; internal set; }
    public long Chunk { get; internal set; }
    public long TimestampMs { get; internal set; }
    /// <summary>Decoded µ-law; valid until the next message is parsed.</summary>
    public ReadOnlyMemory<byte> Payload { get; internal set; }

    // dtmf
    public char Digit { get; internal set; }

    // mark
    public string? MarkName { get; internal set; }

    // start
    public StartMessage? Start { get; internal set; }

    // stop
    public string? StopCallSid { get; internal set; }

    // connected
    public string? Protocol { get; internal set; }
    public string? Version { get; internal set; }

    internal void Reset()
    {
        Type = InboundEventType.None;
        Error = InboundParseError.None;
        ErrorDetail = null;
        UnknownEventName = null;
        SequenceNumber = -1;
        StreamSidMatch = StreamSidMatch.Absent;
        StreamSid = null;
        Track = MediaTrack.Unspecified;
        Chunk = -1;
        TimestampMs = -1;
        Payload = ReadOnlyMemory<byte>.Empty;
        Digit = '\0';
        MarkName = null;
        Start = null;
        StopCallSid = null;
        Protocol = null;
        Version = null;
    }

    internal void Fail(InboundParseError error, string detail)
    {
        if (Error != InboundParseError.None) return; // keep the first problem
        Error = error;
        ErrorDetail = detail;
    }
}

/// <summary>The <c>start</c> message's <c>start</c> object (allocated: once per stream).</summary>
public sealed record StartMessage(
    string? AccountSid,
    string? StreamSid,
    string? CallSid,
    IReadOnlyList<string> Tracks,
    IReadOnlyDictionary<string, string> CustomParameters,
    string? Encoding,
    int SampleRate,
    int Channels)
{
    public const string MuLawEncoding = "audio/x-mulaw";

    /// <summary>Null when the format is Twilio's µ-law 8 kHz mono (or unspecified); otherwise what is wrong.</summary>
    public string? MediaFormatProblem()
    {
        if (Encoding is not null && !string.Equals(Encoding, MuLawEncoding, StringComparison.OrdinalIgnoreCase))
            return $"unsupported encoding '{Encoding}', expected {MuLawEncoding}";
        if (SampleRate is not 0 and not 8000) return $"unsupported sample rate {SampleRate}, expected 8000";
        if (Channels is not 0 and not 1) return $"unsupported channel count {Channels}, expected 1";
        return null;
    }
}
