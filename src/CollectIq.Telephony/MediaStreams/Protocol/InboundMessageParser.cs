using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace CollectIq.Telephony.MediaStreams.Protocol;

/// <summary>
/// Parses Twilio Media Streams messages with <see cref="Utf8JsonReader"/> into a reused
/// <see cref="InboundMessage"/>. Properties may come in any order. Media payloads are unescaped and
/// base64-decoded in place into one pooled buffer, so a media frame allocates nothing.
/// Not thread-safe: one parser per session (per receive loop).
/// </summary>
public sealed class InboundMessageParser : IDisposable
{
    private byte[] _payloadBuffer;

    public InboundMessageParser(int initialPayloadBytes = 1024)
    {
        _payloadBuffer = ArrayPool<byte>.Shared.Rent(initialPayloadBytes);
    }

    /// <summary>
    /// Parses <paramref name="json"/> into <paramref name="message"/>. Never throws on bad input:
    /// problems land in <see cref="InboundMessage.Error"/>. <paramref name="expectedStreamSid"/> (UTF-8)
    /// is compared without allocating; pass empty before <c>start</c>.
    /// </summary>
    public void Parse(ReadOnlySpan<byte> json, ReadOnlySpan<byte> expectedStreamSid, InboundMessage message)
    {
        message.Reset();
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 16 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                message.Fail(InboundParseError.MalformedJson, "the message is not a JSON object");
                return;
            }
            ParseRoot(ref reader, expectedStreamSid, message);
            // Trailing garbage after the object ("{...}xyz") is malformed too.
            if (reader.Read()) message.Fail(InboundParseError.MalformedJson, "data after the JSON object");
        }
        catch (JsonException ex)
        {
            message.Error = InboundParseError.None; // a JSON syntax error overrides field problems found before it
            message.Fail(InboundParseError.MalformedJson, $"invalid JSON at byte {ex.BytePositionInLine}: {FirstLine(ex.Message)}");
            return;
        }
        if (message.Error == InboundParseError.None && message.Type == InboundEventType.None)
            message.Fail(InboundParseError.MissingEvent, "no \"event\" string");
    }

    private void ParseRoot(ref Utf8JsonReader reader, ReadOnlySpan<byte> expectedStreamSid, InboundMessage message)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("event"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String) { message.Fail(InboundParseError.MissingEvent, "\"event\" is not a string"); reader.Skip(); continue; }
                message.Type = EventType(ref reader);
                if (message.Type == InboundEventType.Unknown) message.UnknownEventName = Truncate(reader.GetString());
            }
            else if (reader.ValueTextEquals("sequenceNumber"u8))
            {
                reader.Read();
                message.SequenceNumber = ReadInteger(ref reader, message, "sequenceNumber");
            }
            else if (reader.ValueTextEquals("streamSid"u8))
            {
                reader.Read();
                ReadStreamSid(ref reader, expectedStreamSid, message);
            }
            else if (reader.ValueTextEquals("media"u8)) { reader.Read(); ParseMedia(ref reader, message); }
            else if (reader.ValueTextEquals("start"u8)) { reader.Read(); ParseStart(ref reader, message); }
            else if (reader.ValueTextEquals("dtmf"u8)) { reader.Read(); ParseDtmf(ref reader, message); }
            else if (reader.ValueTextEquals("mark"u8)) { reader.Read(); ParseMark(ref reader, message); }
            else if (reader.ValueTextEquals("stop"u8)) { reader.Read(); ParseStop(ref reader, message); }
            else if (reader.ValueTextEquals("protocol"u8)) { reader.Read(); message.Protocol = StringOrNull(ref reader); }
            else if (reader.ValueTextEquals("version"u8)) { reader.Read(); message.Version = StringOrNull(ref reader); }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static InboundEventType EventType(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("media"u8)) return InboundEventType.Media;
        if (reader.ValueTextEquals("mark"u8)) return InboundEventType.Mark;
        if (reader.ValueTextEquals("dtmf"u8)) return InboundEventType.Dtmf;
        if (reader.ValueTextEquals("start"u8)) return InboundEventType.Start;
        if (reader.ValueTextEquals("stop"u8)) return InboundEventType.Stop;
        if (reader.ValueTextEquals("connected"u8)) return InboundEventType.Connected;
        return InboundEventType.Unknown;
    }

    private static void ReadStreamSid(ref Utf8JsonReader reader, ReadOnlySpan<byte> expected, InboundMessage message)
    {
        if (reader.TokenType != JsonTokenType.String) { message.Fail(InboundParseError.InvalidField, "\"streamSid\" is not a string"); reader.Skip(); return; }
        if (expected.IsEmpty)
        {
            message.StreamSidMatch = StreamSidMatch.Unchecked;
            message.StreamSid = Truncate(reader.GetString());
        }
        else if (reader.ValueTextEquals(expected))
        {
            message.StreamSidMatch = StreamSidMatch.Matches;
        }
        else
        {
            message.StreamSidMatch = StreamSidMatch.Differs;
            message.StreamSid = Truncate(reader.GetString());
        }
    }

    private void ParseMedia(ref Utf8JsonReader reader, InboundMessage message)
    {
        if (reader.TokenType != JsonTokenType.StartObject) { message.Fail(InboundParseError.InvalidField, "\"media\" is not an object"); reader.Skip(); return; }
        var sawPayload = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("payload"u8))
            {
                reader.Read();
                sawPayload = true;
                DecodePayload(ref reader, message);
            }
            else if (reader.ValueTextEquals("track"u8))
            {
                reader.Read();
                message.Track = reader.TokenType != JsonTokenType.String ? MediaTrack.Other
                    : reader.ValueTextEquals("inbound"u8) || reader.ValueTextEquals("inbound_track"u8) ? MediaTrack.Inbound
                    : reader.ValueTextEquals("outbound"u8) || reader.ValueTextEquals("outbound_track"u8) ? MediaTrack.Outbound
                    : MediaTrack.Other;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
            }
            else if (reader.ValueTextEquals("chunk"u8)) { reader.Read(); message.Chunk = ReadInteger(ref reader, message, "media.chunk"); }
            else if (reader.ValueTextEquals("timestamp"u8)) { reader.Read(); message.TimestampMs = ReadInteger(ref reader, message, "media.timestamp"); }
            else { reader.Read(); reader.Skip(); }
        }
        if (!sawPayload) message.Fail(InboundParseError.InvalidField, "media without \"payload\"");
    }

    private void DecodePayload(ref Utf8JsonReader reader, InboundMessage message)
    {
        if (reader.TokenType != JsonTokenType.String) { message.Fail(InboundParseError.InvalidField, "\"media.payload\" is not a string"); reader.Skip(); return; }
        // The unescaped length is at most the raw length; a writer may have escaped '+' or '/' as \uXXXX.
        var rawLength = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        EnsurePayloadCapacity(rawLength);
        var length = reader.CopyString(_payloadBuffer);
        var status = Base64.DecodeFromUtf8InPlace(_payloadBuffer.AsSpan(0, length), out var written);
        if (status != OperationStatus.Done)
        {
            message.Fail(InboundParseError.InvalidBase64, $"media payload is not valid base64 ({status}, {length} chars)");
            return;
        }
        message.Payload = new ReadOnlyMemory<byte>(_payloadBuffer, 0, written);
    }

    private void EnsurePayloadCapacity(int bytes)
    {
        if (_payloadBuffer.Length >= bytes) return;
        ArrayPool<byte>.Shared.Return(_payloadBuffer);
        _payloadBuffer = ArrayPool<byte>.Shared.Rent(bytes);
    }

    private static void ParseStart(ref Utf8JsonReader reader, InboundMessage message)
    {
        if (reader.TokenType != JsonTokenType.StartObject) { message.Fail(InboundParseError.InvalidField, "\"start\" is not an object"); reader.Skip(); return; }
        string? accountSid = null, streamSid = null, callSid = null, encoding = null;
        int sampleRate = 0, channels = 0;
        var tracks = new List<string>();
        var custom = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("accountSid"u8)) { reader.Read(); accountSid = StringOrNull(ref reader); }
            else if (reader.ValueTextEquals("streamSid"u8)) { reader.Read(); streamSid = StringOrNull(ref reader); }
            else if (reader.ValueTextEquals("callSid"u8)) { reader.Read(); callSid = StringOrNull(ref reader); }
            else if (reader.ValueTextEquals("tracks"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray) { reader.Skip(); continue; }
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType == JsonTokenType.String) tracks.Add(reader.GetString()!);
                    else reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("customParameters"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject) { reader.Skip(); continue; }
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    var value = reader.TokenType switch
                    {
                        JsonTokenType.String => reader.GetString()!,
                        JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False => Encoding.UTF8.GetString(reader.ValueSpan),
                        _ => null,
                    };
                    if (value is null) reader.Skip();
                    else custom[name] = value;
                }
            }
            else if (reader.ValueTextEquals("mediaFormat"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject) { reader.Skip(); continue; }
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("encoding"u8)) { reader.Read(); encoding = StringOrNull(ref reader); }
                    else if (reader.ValueTextEquals("sampleRate"u8)) { reader.Read(); sampleRate = (int)ReadInteger(ref reader, message, "start.mediaFormat.sampleRate"); }
                    else if (reader.ValueTextEquals("channels"u8)) { reader.Read(); channels = (int)ReadInteger(ref reader, message, "start.mediaFormat.channels"); }
                    else { reader.Read(); reader.Skip(); }
                }
            }
            else { reader.Read(); reader.Skip(); }
        }
        message.Start = new StartMessage(accountSid, streamSid, callSid, tracks, custom, encoding, sampleRate, channels);
    }

    private static void ParseDtmf(ref Utf8JsonReader reader, InboundMessage message)
    {
        if (reader.TokenType != JsonTokenType.StartObject) { message.Fail(InboundParseError.InvalidField, "\"dtmf\" is not an object"); reader.Skip(); return; }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("digit"u8))
            {
                reader.Read();
                var digit = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                if (digit is { Length: 1 } && (char.IsAsciiDigit(digit[0]) || digit[0] is '*' or '#' or >= 'A' and <= 'D'))
                    message.Digit = digit[0];
                else
                    message.Fail(InboundParseError.InvalidField, "dtmf digit must be one of 0-9, *, #, A-D");
            }
            else { reader.Read(); reader.Skip(); }
        }
        if (message.Digit == '\0') message.Fail(InboundParseError.InvalidField, "dtmf without a digit");
    }

    private static void ParseMark(ref Utf8JsonReader reader, InboundMessage message)
    {
        if (reader.TokenType != JsonTokenType.StartObject) { message.Fail(InboundParseError.InvalidField, "\"mark\" is not an object"); reader.Skip(); return; }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8)) { reader.Read(); message.MarkName = StringOrNull(ref reader); }
            else { reader.Read(); reader.Skip(); }
        }
        if (message.MarkName is null) message.Fail(InboundParseError.InvalidField, "mark without a name");
    }

    private static void ParseStop(ref Utf8JsonReader reader, InboundMessage message)
    {
        if (reader.TokenType != JsonTokenType.StartObject) { reader.Skip(); return; }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("callSid"u8)) { reader.Read(); message.StopCallSid = StringOrNull(ref reader); }
            else { reader.Read(); reader.Skip(); }
        }
    }

    /// <summary>Twilio sends numbers as strings ("12"); accept real numbers too.</summary>
    private static long ReadInteger(ref Utf8JsonReader reader, InboundMessage message, string field)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number)) return number;
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && !reader.HasValueSequence
            && Utf8Parser.TryParse(reader.ValueSpan, out long parsed, out var consumed) && consumed == reader.ValueSpan.Length)
            return parsed;
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
        message.Fail(InboundParseError.InvalidField, $"\"{field}\" is not an integer");
        return -1;
    }

    private static string? StringOrNull(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String) return reader.GetString();
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
        return null;
    }

    private static string? Truncate(string? value) => value is { Length: > 64 } ? value[..64] + "…" : value;

    private static string FirstLine(string text)
    {
        var newline = text.IndexOf('\n');
        return newline < 0 ? text : text[..newline];
    }

    public void Dispose()
    {
        if (_payloadBuffer.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_payloadBuffer);
        _payloadBuffer = [];
    }
}
