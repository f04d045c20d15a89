using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CollectIq.Telephony.MediaStreams.Protocol;

/// <summary>
/// Writes our messages to Twilio (<c>media</c>, <c>mark</c>, <c>clear</c>) with a reused
/// <see cref="Utf8JsonWriter"/> into a reused buffer. The returned memory is valid until the next
/// Write call. Not thread-safe: one writer per send loop.
/// </summary>
public sealed class OutboundMessageWriter : IDisposable
{
    private static readonly JsonEncodedText EventName = JsonEncodedText.Encode("event");
    private static readonly JsonEncodedText StreamSidName = JsonEncodedText.Encode("streamSid");
    private static readonly JsonEncodedText MediaName = JsonEncodedText.Encode("media");
    private static readonly JsonEncodedText PayloadName = JsonEncodedText.Encode("payload");
    private static readonly JsonEncodedText MarkName = JsonEncodedText.Encode("mark");
    private static readonly JsonEncodedText NameName = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText MediaValue = JsonEncodedText.Encode("media");
    private static readonly JsonEncodedText MarkValue = JsonEncodedText.Encode("mark");
    private static readonly JsonEncodedText ClearValue = JsonEncodedText.Encode("clear");

    private readonly ArrayBufferWriter<byte> _buffer;
    private readonly Utf8JsonWriter _writer;
    private readonly JsonEncodedText _streamSid;

    public OutboundMessageWriter(string streamSid, int initialCapacity = 1024)
    {
        _streamSid = JsonEncodedText.Encode(streamSid, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        _buffer = new ArrayBufferWriter<byte>(initialCapacity);
        // Relaxed escaping: we write to a WebSocket, not into HTML; it keeps '+' in base64 as is.
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
    }

    /// <summary><c>{"event":"media","streamSid":"MZ…","media":{"payload":"&lt;base64 µ-law&gt;"}}</c></summary>
    public ReadOnlyMemory<byte> WriteMedia(ReadOnlySpan<byte> mulaw)
    {
        Begin(MediaValue);
        _writer.WriteStartObject(MediaName);
        _writer.WriteBase64String(PayloadName, mulaw);
        _writer.WriteEndObject();
        return End();
    }

    /// <summary><c>{"event":"mark","streamSid":"MZ…","mark":{"name":"…"}}</c></summary>
    public ReadOnlyMemory<byte> WriteMark(string name)
    {
        Begin(MarkValue);
        _writer.WriteStartObject(MarkName);
        _writer.WriteString(NameName, name);
        _writer.WriteEndObject();
        return End();
    }

    /// <summary><c>{"event":"clear","streamSid":"MZ…"}</c></summary>
    public ReadOnlyMemory<byte> WriteClear()
    {
        Begin(ClearValue);
        return End();
    }

    private void Begin(JsonEncodedText eventName)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        _writer.WriteString(EventName, eventName);
        _writer.WriteString(StreamSidName, _streamSid);
    }

    private ReadOnlyMemory<byte> End()
    {
        _writer.WriteEndObject();
        _writer.Flush();
        return _buffer.WrittenMemory;
    }

    public void Dispose() => _writer.Dispose();
}
