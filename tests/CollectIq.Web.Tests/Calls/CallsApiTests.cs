using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CollectIq.Domain.Calls;
using CollectIq.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CollectIq.Web.Tests.Calls;

public sealed class CallsApiTests
{
    [Fact]
    public async Task GetCall_WithTurnsAndStatuses_ReturnsHistoryTranscriptAndOutcome()
    {
        await using var app = await TestApp.StartAsync();
        var payerId = await app.AddPayerAsync("Talkative Co", 80);
        var callId = await app.PlaceCallAsync(payerId);
        var recorder = app.Services.GetRequiredService<ICallRecorder>();
        await recorder.AdvanceStatusAsync(callId, "ringing", "status-callback");
        await recorder.AdvanceStatusAsync(callId, "in-progress", "status-callback", new CallStatusDetails(AnsweredBy: "human"));
        await recorder.AppendTurnAsync(callId, new TranscriptTurn { Speaker = Speaker.Agent, Text = "Hello, this is CollectIQ.", AtMs = 300 });
        await recorder.AppendTurnAsync(callId, new TranscriptTurn { Speaker = Speaker.Payer, Text = "I can pay on Friday.", AtMs = 2400, Confidence = 0.82 });
        await recorder.SetOutcomeAsync(callId, CallOutcome.PromiseToPay, null);
        await recorder.AdvanceStatusAsync(callId, "completed", "status-callback", new CallStatusDetails(DurationSeconds: 12));

        var call = await app.Client.GetFromJsonAsync<JsonElement>($"/api/calls/{callId}");

        Assert.Equal("completed", call.GetProperty("status").GetString());
        Assert.Equal(["queued", "ringing", "in-progress", "completed"], call.GetProperty("statusHistory").EnumerateArray().Select(s => s.GetProperty("status").GetString()));
        Assert.Equal("promise_to_pay", call.GetProperty("outcome").GetString());
        Assert.Equal("human", call.GetProperty("answeredBy").GetString());
        Assert.Equal(12, call.GetProperty("durationSeconds").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, call.GetProperty("startedAt").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, call.GetProperty("endedAt").ValueKind);
        var transcript = call.GetProperty("transcript").EnumerateArray().ToList();
        Assert.Equal(["agent", "payer"], transcript.Select(t => t.GetProperty("speaker").GetString()));
        Assert.Equal("I can pay on Friday.", transcript[1].GetProperty("text").GetString());
        Assert.Equal(2400, transcript[1].GetProperty("atMs").GetInt32());
    }

    [Fact]
    public async Task ListCalls_ForPayer_NewestFirstAndOnlyThatPayers()
    {
        await using var app = await TestApp.StartAsync();
        var payerId = await app.AddPayerAsync("Repeat Co", 80);
        var other = await app.AddPayerAsync("Other Co", 80, phone: "+13125550188");
        var recorder = app.Services.GetRequiredService<ICallRecorder>();
        var ids = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await app.PlaceCallAsync(payerId));
            await recorder.AdvanceStatusAsync(ids[^1], "no-answer", "status-callback");
        }
        await app.PlaceCallAsync(other);

        var calls = await app.Client.GetFromJsonAsync<JsonElement[]>($"/api/calls?payerId={payerId}");

        Assert.Equal(ids.AsEnumerable().Reverse(), calls!.Select(c => c.GetProperty("id").GetInt32()));
        Assert.All(calls, c => Assert.Equal("no-answer", c.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task GetCall_Unknown_Returns404()
    {
        await using var app = await TestApp.StartAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/api/calls/777")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/api/calls?payerId=777")).StatusCode);
    }
}
