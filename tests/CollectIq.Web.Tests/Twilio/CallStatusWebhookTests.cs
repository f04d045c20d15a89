using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CollectIq.Web.Tests.Infrastructure;

namespace CollectIq.Web.Tests.Twilio;

public sealed class CallStatusWebhookTests
{
    private static Dictionary<string, string> Callback(string sid, string status, int sequence, int? duration = null, string? answeredBy = null)
    {
        var form = new Dictionary<string, string>
        {
            ["CallSid"] = sid, ["CallStatus"] = status, ["SequenceNumber"] = sequence.ToString(),
            ["Timestamp"] = "Mon, 02 Jun 2025 15:00:00 +0000", ["AccountSid"] = "AC00000000000000000000000000000000",
        };
        if (duration is not null) form["CallDuration"] = duration.Value.ToString();
        if (answeredBy is not null) form["AnsweredBy"] = answeredBy;
        return form;
    }

    [Fact]
    public async Task CallStatus_InOrder_AdvancesAndKeepsTwiliosFacts()
    {
        await using var app = await TestApp.StartAsync();
        var callId = await app.PlaceCallAsync(await app.AddPayerAsync("Status Co", 90));
        var sid = await VoiceWebhookTests.Sid(app, callId);
        var path = $"/collect-iq/call-status?callId={callId}";

        Assert.Equal(HttpStatusCode.OK, (await app.PostWebhookAsync(path, Callback(sid, "initiated", 0))).StatusCode);
        await app.PostWebhookAsync(path, Callback(sid, "ringing", 1));
        await app.PostWebhookAsync(path, Callback(sid, "answered", 2, answeredBy: "human"));
        await app.PostWebhookAsync(path, Callback(sid, "completed", 3, duration: 37));
        var call = await app.Client.GetFromJsonAsync<JsonElement>($"/api/calls/{callId}");

        Assert.Equal("completed", call.GetProperty("status").GetString());
        Assert.Equal(["queued", "initiated", "ringing", "in-progress", "completed"], History(call));
        Assert.Equal(37, call.GetProperty("durationSeconds").GetInt32());
        Assert.Equal("human", call.GetProperty("answeredBy").GetString());
        Assert.Equal("status-callback", call.GetProperty("hangupCause").GetString());
    }

    [Theory, SqliteEngine, PostgresEngine]
    public async Task CallStatus_RetriedCallbacks_AreIdempotent(string engine)
    {
        await using var app = await TestApp.StartAsync(engine: engine);
        var callId = await app.PlaceCallAsync(await app.AddPayerAsync("Retry Co", 90));
        var sid = await VoiceWebhookTests.Sid(app, callId);
        var path = $"/collect-iq/call-status?callId={callId}";

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await app.PostWebhookAsync(path, Callback(sid, "ringing", 1))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await app.PostWebhookAsync(path, Callback(sid, "completed", 3, duration: 20))).StatusCode);
        }
        var call = await app.Client.GetFromJsonAsync<JsonElement>($"/api/calls/{callId}");

        Assert.Equal(["queued", "ringing", "completed"], History(call));
        Assert.Equal(20, call.GetProperty("durationSeconds").GetInt32());
    }

    [Theory, SqliteEngine, PostgresEngine]
    public async Task CallStatus_OutOfOrder_NeverMovesTheCallBackwards(string engine)
    {
        await using var app = await TestApp.StartAsync(engine: engine);
        var callId = await app.PlaceCallAsync(await app.AddPayerAsync("Late Co", 90));
        var sid = await VoiceWebhookTests.Sid(app, callId);
        // Without our callId in the URL: the CallSid alone identifies the call.
        const string path = "/collect-iq/call-status";

        await app.PostWebhookAsync(path, Callback(sid, "busy", 2));
        await app.PostWebhookAsync(path, Callback(sid, "ringing", 1));
        await app.PostWebhookAsync(path, Callback(sid, "initiated", 0));
        var call = await app.Client.GetFromJsonAsync<JsonElement>($"/api/calls/{callId}");

        Assert.Equal("busy", call.GetProperty("status").GetString());
        Assert.Equal(["queued", "busy"], History(call));
    }

    [Fact]
    public async Task CallStatus_UnknownCallSid_Returns200SoTwilioStopsRetrying()
    {
        await using var app = await TestApp.StartAsync();

        var response = await app.PostWebhookAsync("/collect-iq/call-status", Callback("CAnobodyknows", "completed", 4));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static List<string?> History(JsonElement call) =>
        call.GetProperty("statusHistory").EnumerateArray().Select(s => s.GetProperty("status").GetString()).ToList();
}
