using System.Net;
using CollectIq.Web.Tests.Infrastructure;

namespace CollectIq.Web.Tests.Twilio;

public sealed class VoiceWebhookTests
{
    [Theory]
    [InlineData(TestApp.DefaultPublicUrl, "wss://collectiq.example.ngrok.app/collect-iq/media-stream")]
    [InlineData("http://127.0.0.1:5999", "ws://127.0.0.1:5999/collect-iq/media-stream")]
    public async Task Voice_AgentOn_ConnectsTheStreamWithPayerAndCallParameters(string publicUrl, string streamUrl)
    {
        await using var app = await TestApp.StartAsync(publicUrl: publicUrl);
        var payerId = await app.AddPayerAsync("Streamed Co", 90);
        var callId = await app.PlaceCallAsync(payerId);
        var sid = await Sid(app, callId);

        var response = await app.PostWebhookAsync($"/collect-iq/voice?callId={callId}", new Dictionary<string, string> { ["CallSid"] = sid, ["CallStatus"] = "in-progress" });
        var root = await Twiml.ReadAsync(response);

        var connect = Assert.Single(root.Elements());
        Assert.Equal("Connect", connect.Name.LocalName);
        var stream = Assert.Single(connect.Elements());
        Assert.Equal("Stream", stream.Name.LocalName);
        Assert.Equal(streamUrl, stream.Attribute("url")?.Value);
        var parameters = stream.Elements("Parameter").ToDictionary(p => p.Attribute("name")!.Value, p => p.Attribute("value")!.Value);
        Assert.Equal(new Dictionary<string, string> { ["payerId"] = payerId.ToString(), ["callId"] = callId.ToString() }, parameters);
    }

    [Fact]
    public async Task Voice_AgentOff_AnswersWithTheKeypressMenu()
    {
        await using var app = await TestApp.StartAsync();
        var callId = await app.PlaceCallAsync(await app.AddPayerAsync("Keypad Co", 90, voiceAgent: false));

        var root = await Twiml.ReadAsync(await app.PostWebhookAsync($"/collect-iq/voice?callId={callId}", new Dictionary<string, string> { ["CallSid"] = await Sid(app, callId) }));

        var gather = Assert.Single(root.Elements("Gather"));
        Assert.Equal("dtmf", gather.Attribute("input")?.Value);
        Assert.Equal("1", gather.Attribute("numDigits")?.Value);
        Assert.Equal($"{TestApp.DefaultPublicUrl}/collect-iq/handle-reminder?callId={callId}", gather.Attribute("action")?.Value);
        var prompt = string.Join(" ", gather.Elements("Say").Select(s => s.Value));
        Assert.Contains("Press 1", prompt);
        Assert.Contains("Press 9", prompt);
        Assert.NotNull(root.Element("Hangup"));
        Assert.Null(root.Element("Connect"));
    }

    [Theory]
    [InlineData("?callId=9999", "CAunknown")]
    [InlineData("", "CAunknown")]
    public async Task Voice_UnknownCall_SaysSorryAndHangsUp(string query, string callSid)
    {
        await using var app = await TestApp.StartAsync();

        var response = await app.PostWebhookAsync($"/collect-iq/voice{query}", new Dictionary<string, string> { ["CallSid"] = callSid });
        var root = await Twiml.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Say", "Hangup"], root.Elements().Select(e => e.Name.LocalName));
    }

    [Fact]
    public async Task Voice_CallSidOfAnotherCall_IsTreatedAsUnknown()
    {
        await using var app = await TestApp.StartAsync();
        var callId = await app.PlaceCallAsync(await app.AddPayerAsync("Careful Co", 90));

        var root = await Twiml.ReadAsync(await app.PostWebhookAsync($"/collect-iq/voice?callId={callId}", new Dictionary<string, string> { ["CallSid"] = "CAsomeoneelse" }));

        Assert.Null(root.Element("Connect"));
        Assert.NotNull(root.Element("Hangup"));
    }

    internal static async Task<string> Sid(TestApp app, int callId)
    {
        var call = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(app.Client, $"/api/calls/{callId}");
        return call.GetProperty("twilioCallSid").GetString()!;
    }
}
