using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace CollectIq.Simulator.MediaStreams;

/// <summary>
/// Writes the messages Twilio sends on a media stream, field for field as Twilio does
/// (sequenceNumber, chunk and timestamp as strings). One writer per stream, reused per message.
/// </summary>
internal sealed class TwilioStreamMessages(string streamSid)
{
    private readonly ArrayBufferWriter<byte> buffer = new(1024);
    private Utf8JsonWriter? json;

    public ReadOnlyMemory<byte> Connected() => Write(w =>
    {
        w.WriteString("event", "connected");
        w.WriteString("protocol", "Call");
        w.WriteString("version", "1.0.0");
    });

    public ReadOnlyMemory<byte> Start(long sequence, string accountSid, string callSid, IReadOnlyDictionary<string, string> customParameters) => Write(w =>
    {
        w.WriteString("event", "start");
        w.WriteString("sequenceNumber", Str(sequence));
        w.WriteStartObject("start");
        w.WriteString("accountSid", accountSid);
        w.WriteString("streamSid", streamSid);
        w.WriteString("callSid", callSid);
        w.WriteStartArray("tracks");
        w.WriteStringValue("inbound");
        w.WriteEndArray();
        w.WriteStartObject("customParameters");
        foreach (var (name, value) in customParameters) w.WriteString(name, value);
        w.WriteEndObject();
        w.WriteStartObject("mediaFormat");
        w.WriteString("encoding", "audio/x-mulaw");
        w.WriteNumber("sampleRate", 8000);
        w.WriteNumber("channels", 1);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteString("streamSid", streamSid);
    });

    public ReadOnlyMemory<byte> Media(long sequence, long chunk, long timestampMs, ReadOnlySpan<byte> mulaw)
    {
        // Written inline (no lambda) so the per-frame path does not copy the payload.
        var w = Begin();
        w.WriteString("event", "media");
        w.WriteString("sequenceNumber", Str(sequence));
        w.WriteStartObject("media");
        w.WriteString("track", "inbound");
        w.WriteString("chunk", Str(chunk));
        w.WriteString("timestamp", Str(timestampMs));
        w.WriteBase64String("payload", mulaw);
        w.WriteEndObject();
        w.WriteString("streamSid", streamSid);
        return End(w);
    }

    public ReadOnlyMemory<byte> Dtmf(long sequence, char digit) => Write(w =>
    {
        w.WriteString("event", "dtmf");
        w.WriteString("streamSid", streamSid);
        w.WriteString("sequenceNumber", Str(sequence));
        w.WriteStartObject("dtmf");
        w.WriteString("track", "inbound_track");
        w.WriteString("digit", digit.ToString());
        w.WriteEndObject();
    });

    public ReadOnlyMemory<byte> Mark(long sequence, string name) => Write(w =>
    {
        w.WriteString("event", "mark");
        w.WriteString("sequenceNumber", Str(sequence));
        w.WriteString("streamSid", streamSid);
        w.WriteStartObject("mark");
        w.WriteString("name", name);
        w.WriteEndObject();
    });

    public ReadOnlyMemory<byte> Stop(long sequence, string accountSid, string callSid) => Write(w =>
    {
        w.WriteString("event", "stop");
        w.WriteString("sequenceNumber", Str(sequence));
        w.WriteString("streamSid", streamSid);
        w.WriteStartObject("stop");
        w.WriteString("accountSid", accountSid);
        w.WriteString("callSid", callSid);
        w.WriteEndObject();
    });

    /// <summary>The returned memory is valid until the next message is written.</summary>
    private ReadOnlyMemory<byte> Write(Action<Utf8JsonWriter> body)
    {
        var w = Begin();
        body(w);
        return End(w);
    }

    private Utf8JsonWriter Begin()
    {
        buffer.ResetWrittenCount();
        if (json is null) json = new Utf8JsonWriter(buffer);
        else json.Reset(buffer);
        json.WriteStartObject();
        return json;
    }

    private ReadOnlyMemory<byte> End(Utf8JsonWriter w)
    {
        w.WriteEndObject();
        w.Flush();
        return buffer.WrittenMemory;
    }

    private static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);
}
