using System.Net.Http.Json;
using System.Text.Json;
using CollectIq.Simulator.Hosting;
using CollectIq.Simulator.Scripts;
using CollectIq.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CollectIq.Web.Tests.Twilio;

/// <summary>
/// The whole loop with simulated telephony: API outreach → the real Twilio client → the stand-in → signed
/// webhooks → TwiML → media stream or keypress menu → status callbacks → the call record.
/// </summary>
public sealed class SimulatedCallLoopTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory, SqliteEngine, PostgresEngine]
    public async Task Outreach_VoiceAgentCall_EndsCompletedWithStreamAndHistoryInTheDatabase(string engine)
    {
        await using var app = await TestApp.StartAsync(simulated: true, engine: engine);
        var payerId = await app.AddPayerAsync("Loop Co", 90, phone: "+12125550143");
        app.Services.GetRequiredService<SimulatedTelephony>().Scripts.ForNumber("+12125550143", CalleeScript.Answers("test").Pause(1500).HangUp());

        var callId = await app.PlaceCallAsync(payerId);
        var call = await WaitForFinalAsync(app, callId);

        Assert.Equal("completed", call.GetProperty("status").GetString());
        var history = call.GetProperty("statusHistory").EnumerateArray().Select(s => s.GetProperty("status").GetString()).ToList();
        Assert.Contains("in-progress", history);
        Assert.Equal("completed", history[^1]);
        Assert.StartsWith("CA", call.GetProperty("twilioCallSid").GetString());
        Assert.NotEqual(JsonValueKind.Null, call.GetProperty("endedAt").ValueKind);
    }

    [Fact]
    public async Task Outreach_KeypressPayerPresses2_RecordsAlreadyPaid()
    {
        await using var app = await TestApp.StartAsync(simulated: true);
        var payerId = await app.AddPayerAsync("Keys Co", 90, phone: "+13125550188", voiceAgent: false);
        app.Services.GetRequiredService<SimulatedTelephony>().Scripts.ForNumber("+13125550188", CalleeScript.Answers("keys").Pause(500).PressDigits("2").Pause(30_000).HangUp());

        var callId = await app.PlaceCallAsync(payerId);
        var call = await WaitForFinalAsync(app, callId);

        Assert.Equal("already_paid", call.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Outreach_BusyLine_EndsBusy()
    {
        await using var app = await TestApp.StartAsync(simulated: true);
        var payerId = await app.AddPayerAsync("Busy Line Co", 90, phone: "+16175550137");
        app.Services.GetRequiredService<SimulatedTelephony>().Scripts.ForNumber("+16175550137", CalleeScript.Busy());

        var call = await WaitForFinalAsync(app, await app.PlaceCallAsync(payerId));

        Assert.Equal("busy", call.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, call.GetProperty("answeredAt").ValueKind);
    }

    private static async Task<JsonElement> WaitForFinalAsync(TestApp app, int callId)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var call = await app.Client.GetFromJsonAsync<JsonElement>($"/api/calls/{callId}", timeout.Token);
            if (call.GetProperty("status").GetString() is "completed" or "busy" or "no-answer" or "failed" or "canceled"
                && (call.GetProperty("outcome").ValueKind != JsonValueKind.Null || call.GetProperty("status").GetString() != "completed" || HasWaitedForOutcome(call)))
                return call;
            await Task.Delay(200, timeout.Token);
        }
    }

    // A completed call without an outcome is final once its end is a moment old (webhooks settle).
    private static bool HasWaitedForOutcome(JsonElement call) =>
        call.GetProperty("endedAt").GetDateTimeOffset() < DateTimeOffset.UtcNow.AddSeconds(-1);
}
