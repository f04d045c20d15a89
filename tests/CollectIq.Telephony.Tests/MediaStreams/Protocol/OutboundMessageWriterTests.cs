using System.Text;
using System.Text.Json;
using CollectIq.Telephony.MediaStreams.Protocol;

namespace CollectIq.Telephony.Tests.MediaStreams.Protocol;

public sealed class OutboundMessageWriterTests
{
    private const string Sid = "MZ00000000000000000000000000000001";
    private readonly OutboundMessageWriter _writer = new(Sid);

    [Fact]
    public void WriteMedia_Audio_WritesTwilioShapeWithPlainBase64()
    {
        var audio = new byte[] { 0xFB, 0xEF, 0xBE, 0xFF, 0x00, 0x7F };

        var json = Encoding.UTF8.GetString(_writer.WriteMedia(audio).Span);

        Assert.Equal($$$$"""{"event":"media","streamSid":"{{{{Sid}}}}","media":{"payload":"{{{{Convert.ToBase64String(audio)}}}}"}}""", json);
    }

    [Fact]
    public void WriteMark_NameWithQuotes_IsValidJson()
    {
        var json = Encoding.UTF8.GetString(_writer.WriteMark("turn \"3\"").Span);

        using var doc = JsonDocument.Parse(json);
        Assert.Equal("mark", doc.RootElement.GetProperty("event").GetString());
        Assert.Equal(Sid, doc.RootElement.GetProperty("streamSid").GetString());
        Assert.Equal("turn \"3\"", doc.RootElement.GetProperty("mark").GetProperty("name").GetString());
    }

    [Fact]
    public void WriteClear_Always_WritesClear()
    {
        Assert.Equal($$$$"""{"event":"clear","streamSid":"{{{{Sid}}}}"}""", Encoding.UTF8.GetString(_writer.WriteClear().Span));
    }

    [Fact]
    public void WriteMedia_Repeated_AllocatesNothing()
    {
        var audio = new byte[480];
        for (var i = 0; i < 100; i++) _writer.WriteMedia(audio);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++) _writer.WriteMedia(audio);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
