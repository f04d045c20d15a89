using CollectIq.Simulator.TwiML;

namespace CollectIq.Simulator.Tests.TwiML;

public sealed class TwimlParserTests
{
    [Fact]
    public void Parse_ConnectStreamWithParameters_ReadsUrlAndParameters()
    {
        var verbs = TwimlParser.Parse("""<?xml version="1.0"?><Response><Connect action="/after"><Stream url="wss://example.com/collect-iq/media-stream"><Parameter name="payerId" value="42"/><Parameter name="callId" value="7"/></Stream></Connect></Response>""");

        var connect = Assert.IsType<ConnectStreamVerb>(Assert.Single(verbs));
        Assert.Equal("wss://example.com/collect-iq/media-stream", connect.StreamUrl);
        Assert.Equal("42", connect.Parameters["payerId"]);
        Assert.Equal("7", connect.Parameters["callId"]);
        Assert.Equal("/after", connect.Action);
    }

    [Fact]
    public void Parse_GatherWithNestedSay_ReadsAttributesAndPrompts()
    {
        var verbs = TwimlParser.Parse("""<Response><Gather input="dtmf" numDigits="1" action="/handle" method="GET" timeout="7" finishOnKey=""><Say loop="2">Press 1</Say></Gather></Response>""");

        var gather = Assert.IsType<GatherVerb>(Assert.Single(verbs));
        Assert.Equal(1, gather.NumDigits);
        Assert.Equal("/handle", gather.Action);
        Assert.Equal("GET", gather.Method);
        Assert.Equal(TimeSpan.FromSeconds(7), gather.Timeout);
        Assert.Null(gather.FinishOnKey);
        Assert.Equal(new SayVerb("Press 1", 2), Assert.Single(gather.Prompts));
    }

    [Fact]
    public void Parse_AllSimpleVerbs_InOrder()
    {
        var verbs = TwimlParser.Parse("<Response><Say>Hi</Say><Play>http://x/a.wav</Play><Pause length=\"2\"/><Redirect method=\"GET\">/next</Redirect><Hangup/><Dial>+1</Dial></Response>");

        Assert.Equal(
            [new SayVerb("Hi"), new PlayVerb("http://x/a.wav"), new PauseVerb(TimeSpan.FromSeconds(2)), new RedirectVerb("/next", "GET"), new HangupVerb(), new UnsupportedVerb("Dial")],
            verbs);
    }

    [Theory]
    [InlineData("<Response><Say>unclosed</Response>", 12100)]
    [InlineData("<Speak/>", 12100)]
    [InlineData("<Response><Pause length=\"soon\"/></Response>", 12200)]
    [InlineData("<Response><Connect><Stream url=\"https://not-a-socket\"/></Connect></Response>", 31920)]
    public void Parse_BadDocument_ThrowsWithTwilioCode(string xml, int code)
    {
        var error = Assert.Throws<TwimlException>(() => TwimlParser.Parse(xml));
        Assert.Equal(code, error.Code);
    }
}
