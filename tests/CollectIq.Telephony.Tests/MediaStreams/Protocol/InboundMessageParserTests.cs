using System.Text;
using CollectIq.Telephony.MediaStreams.Protocol;

namespace CollectIq.Telephony.Tests.MediaStreams.Protocol;

public sealed class InboundMessageParserTests
{
    private const string Sid = "MZ00000000000000000000000000000001";
    private readonly InboundMessageParser _parser = new();
    private readonly InboundMessage _message = new();

    private InboundMessage Parse(string json, string expectedSid = "")
    {
        _parser.Parse(Encoding.UTF8.GetBytes(json), Encoding.UTF8.GetBytes(expectedSid), _message);
        return _message;
    }

    [Fact]
    public void Parse_Connected_ReadsProtocolAndVersion()
    {
        var m = Parse("""{"event":"connected","protocol":"Call","version":"1.0.0"}""");
        Assert.Equal(InboundEventType.Connected, m.Type);
        Assert.Equal(InboundParseError.None, m.Error);
        Assert.Equal("Call", m.Protocol);
        Assert.Equal("1.0.0", m.Version);
    }

    [Fact]
    public void Parse_Start_ReadsEverything()
    {
        var m = Parse($$$$"""{"event":"start","sequenceNumber":"1","streamSid":"{{{{Sid}}}}","start":{"accountSid":"AC1","streamSid":"{{{{Sid}}}}","callSid":"CA1","tracks":["inbound"],"customParameters":{"payerId":"42","callId":"7"},"mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":1}}}""");
        Assert.Equal(InboundEventType.Start, m.Type);
        Assert.Equal(InboundParseError.None, m.Error);
        Assert.Equal(1, m.SequenceNumber);
        Assert.Equal(StreamSidMatch.Unchecked, m.StreamSidMatch);
        var start = m.Start!;
        Assert.Equal("AC1", start.AccountSid);
        Assert.Equal(Sid, start.StreamSid);
        Assert.Equal("CA1", start.CallSid);
        Assert.Equal(["inbound"], start.Tracks);
        Assert.Equal("42", start.CustomParameters["payerId"]);
        Assert.Equal("7", start.CustomParameters["callId"]);
        Assert.Null(start.MediaFormatProblem());
    }

    [Fact]
    public void Parse_StartWithLinearPcm_ReportsFormatProblem()
    {
        var m = Parse("""{"event":"start","start":{"streamSid":"MZ1","callSid":"CA1","mediaFormat":{"encoding":"audio/l16","sampleRate":16000,"channels":1}}}""");
        Assert.Contains("audio/l16", m.Start!.MediaFormatProblem());
    }

    [Fact]
    public void Parse_Media_DecodesPayloadAndStringNumbers()
    {
        var audio = Enumerable.Range(0, 160).Select(i => (byte)i).ToArray();
        var m = Parse($$$$"""{"event":"media","sequenceNumber":"3","streamSid":"{{{{Sid}}}}","media":{"track":"inbound","chunk":"2","timestamp":"45","payload":"{{{{Convert.ToBase64String(audio)}}}}"}}""", Sid);
        Assert.Equal(InboundEventType.Media, m.Type);
        Assert.Equal(InboundParseError.None, m.Error);
        Assert.Equal(StreamSidMatch.Matches, m.StreamSidMatch);
        Assert.Equal(MediaTrack.Inbound, m.Track);
        Assert.Equal(3, m.SequenceNumber);
        Assert.Equal(2, m.Chunk);
        Assert.Equal(45, m.TimestampMs);
        Assert.Equal(audio, m.Payload.ToArray());
    }

    [Fact]
    public void Parse_MediaWithPropertiesReorderedAndEscapedBase64_Decodes()
    {
        var audio = new byte[] { 0xFB, 0xEF, 0xBE, 0xFF, 0x00 }; // base64 "++++/wA=" has '+' and '/'
        var base64 = Convert.ToBase64String(audio).Replace("+", "\\u002B").Replace("/", "\\/");
        var m = Parse($$$$"""{"media":{"payload":"{{{{base64}}}}","timestamp":60,"chunk":3},"streamSid":"{{{{Sid}}}}","event":"media"}""", Sid);
        Assert.Equal(InboundEventType.Media, m.Type);
        Assert.Equal(InboundParseError.None, m.Error);
        Assert.Equal(audio, m.Payload.ToArray());
        Assert.Equal(60, m.TimestampMs);
    }

    [Fact]
    public void Parse_MediaForAnotherStream_ReportsDiffers()
    {
        var m = Parse("""{"event":"media","streamSid":"MZother","media":{"payload":"AAAA"}}""", Sid);
        Assert.Equal(StreamSidMatch.Differs, m.StreamSidMatch);
        Assert.Equal("MZother", m.StreamSid);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAA")]
    [InlineData("A===")]
    public void Parse_InvalidBase64_ReportsError(string payload)
    {
        var m = Parse($$$$"""{"event":"media","streamSid":"{{{{Sid}}}}","media":{"payload":"{{{{payload}}}}"}}""", Sid);
        Assert.Equal(InboundParseError.InvalidBase64, m.Error);
    }

    [Theory]
    [InlineData("{\"event\":\"media\"")]
    [InlineData("hello")]
    [InlineData("[1,2]")]
    [InlineData("")]
    [InlineData("{\"event\":\"stop\"} trailing")]
    public void Parse_MalformedJson_ReportsErrorWithoutThrowing(string json)
    {
        var m = Parse(json);
        Assert.Equal(InboundParseError.MalformedJson, m.Error);
        Assert.False(string.IsNullOrEmpty(m.ErrorDetail));
    }

    [Fact]
    public void Parse_NoEvent_ReportsMissingEvent()
    {
        Assert.Equal(InboundParseError.MissingEvent, Parse("""{"streamSid":"MZ1"}""").Error);
        Assert.Equal(InboundParseError.MissingEvent, Parse("""{"event":42}""").Error);
    }

    [Fact]
    public void Parse_UnknownEvent_KeepsItsName()
    {
        var m = Parse("""{"event":"transcription","streamSid":"MZ1","transcription":{"text":"x"}}""");
        Assert.Equal(InboundEventType.Unknown, m.Type);
        Assert.Equal("transcription", m.UnknownEventName);
        Assert.Equal(InboundParseError.None, m.Error);
    }

    [Fact]
    public void Parse_DtmfMarkStop_ReadsFields()
    {
        Assert.Equal('5', Parse($$$$"""{"event":"dtmf","streamSid":"{{{{Sid}}}}","dtmf":{"track":"inbound_track","digit":"5"}}""", Sid).Digit);
        Assert.Equal("turn-3", Parse($$$$"""{"event":"mark","streamSid":"{{{{Sid}}}}","mark":{"name":"turn-3"}}""", Sid).MarkName);
        var stop = Parse($$$$"""{"event":"stop","sequenceNumber":"11","streamSid":"{{{{Sid}}}}","stop":{"accountSid":"AC1","callSid":"CA1"}}""", Sid);
        Assert.Equal(InboundEventType.Stop, stop.Type);
        Assert.Equal("CA1", stop.StopCallSid);
    }

    [Fact]
    public void Parse_DtmfWithBadDigit_ReportsInvalidField()
    {
        Assert.Equal(InboundParseError.InvalidField, Parse("""{"event":"dtmf","dtmf":{"digit":"12"}}""").Error);
        Assert.Equal(InboundParseError.InvalidField, Parse("""{"event":"mark","mark":{}}""").Error);
    }

    [Fact]
    public void Parse_MediaFrames_AllocateNothing()
    {
        var audio = new byte[160];
        Random.Shared.NextBytes(audio);
        var json = Encoding.UTF8.GetBytes($$$$"""{"event":"media","sequenceNumber":"3","streamSid":"{{{{Sid}}}}","media":{"track":"inbound","chunk":"2","timestamp":"45","payload":"{{{{Convert.ToBase64String(audio)}}}}"}}""");
        var sid = Encoding.UTF8.GetBytes(Sid);
        for (var i = 0; i < 100; i++) _parser.Parse(json, sid, _message); // warm up

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++) _parser.Parse(json, sid, _message);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(audio, _message.Payload.ToArray());
    }
}
