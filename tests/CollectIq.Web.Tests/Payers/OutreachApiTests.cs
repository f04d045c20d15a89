using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CollectIq.Domain.Calls;
using CollectIq.Telephony.Twilio;
using CollectIq.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CollectIq.Web.Tests.Payers;

public sealed class OutreachApiTests
{
    [Fact]
    public async Task Outreach_Stage3Payer_Returns202AndDialsWithPublicWebhooks()
    {
        await using var app = await TestApp.StartAsync();
        var payerId = await app.AddPayerAsync("Overdue Co", daysPastDue: 75, phone: "+13125550188");

        var response = await app.Client.PostAsync($"/api/payers/{payerId}/outreach", null);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var callId = body.GetProperty("callId").GetInt32();
        var request = Assert.Single(app.Twilio.Created);
        var call = await app.Client.GetFromJsonAsync<JsonElement>($"/api/calls/{callId}");
        var payer = await app.Client.GetFromJsonAsync<JsonElement>($"/api/payers/{payerId}");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("+13125550188", request.To);
        Assert.Equal("+15005550006", request.From);
        Assert.Equal($"{TestApp.DefaultPublicUrl}/collect-iq/voice?callId={callId}", request.Url.AbsoluteUri);
        Assert.Equal($"{TestApp.DefaultPublicUrl}/collect-iq/call-status?callId={callId}", request.StatusCallback.AbsoluteUri);
        Assert.Equal(body.GetProperty("callSid").GetString(), call.GetProperty("twilioCallSid").GetString());
        Assert.Equal("queued", call.GetProperty("status").GetString());
        Assert.Equal(payerId, call.GetProperty("payerId").GetInt32());
        Assert.Equal(JsonValueKind.Null, call.GetProperty("outcome").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, payer.GetProperty("lastOutreachAt").ValueKind);
    }

    [Fact]
    public async Task Outreach_UnknownPayer_Returns404()
    {
        await using var app = await TestApp.StartAsync();
        var response = await app.Client.PostAsync("/api/payers/999/outreach", null);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(app.Twilio.Created);
    }

    [Theory]
    [InlineData(45, "not-stage-3", "STAGE_2")]
    [InlineData(-3, "not-stage-3", "nothing past due")]
    public async Task Outreach_NotStage3_Returns409WithReason(int daysPastDue, string code, string reasonPart)
    {
        await using var app = await TestApp.StartAsync();
        var payerId = await app.AddPayerAsync("Early Co", daysPastDue);

        var response = await app.Client.PostAsync($"/api/payers/{payerId}/outreach", null);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Contains(reasonPart, problem.GetProperty("detail").GetString());
        Assert.Empty(app.Twilio.Created);
    }

    [Fact]
    public async Task Outreach_CallAlreadyInProgress_Returns409()
    {
        await using var app = await TestApp.StartAsync();
        var payerId = await app.AddPayerAsync("Busy Co", 90);
        var first = await app.PlaceCallAsync(payerId);

        var second = await app.Client.PostAsync($"/api/payers/{payerId}/outreach", null);
        var problem = await second.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("call-in-progress", problem.GetProperty("code").GetString());
        Assert.Contains($"Call {first}", problem.GetProperty("detail").GetString());
        Assert.Single(app.Twilio.Created);
    }

    [Theory, SqliteEngine, PostgresEngine]
    public async Task Outreach_ConcurrentRequests_PlaceExactlyOneCall(string engine)
    {
        await using var app = await TestApp.StartAsync(engine: engine);
        var payerId = await app.AddPayerAsync("Racy Co", 90);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => app.Client.PostAsync($"/api/payers/{payerId}/outreach", null)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Single(app.Twilio.Created);
    }

    [Fact]
    public async Task Outreach_OptedOutPayer_Returns409()
    {
        await using var app = await TestApp.StartAsync();
        var payerId = await app.AddPayerAsync("Quiet Co", 90);
        await using (var db = await app.Contexts.CreateDbContextAsync())
            await db.Payers.Where(p => p.Id == payerId).ExecuteUpdateAsync(s => s.SetProperty(p => p.OptedOutAt, DateTimeOffset.UtcNow));

        var response = await app.Client.PostAsync($"/api/payers/{payerId}/outreach", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("opted-out", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Outreach_TwilioRefuses_Returns502WithTwiliosMessageAndMarksCallFailed()
    {
        await using var app = await TestApp.StartAsync();
        var payerId = await app.AddPayerAsync("Unlucky Co", 90);
        app.Twilio.OnCreateCall = (_, _) => throw new TwilioApiException(400, 21211, "The 'To' number is not a valid phone number.", "https://www.twilio.com/docs/errors/21211");

        var response = await app.Client.PostAsync($"/api/payers/{payerId}/outreach", null);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var callId = problem.GetProperty("callId").GetInt32();
        var call = await app.Client.GetFromJsonAsync<JsonElement>($"/api/calls/{callId}");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("The 'To' number is not a valid phone number.", problem.GetProperty("detail").GetString());
        Assert.Equal(21211, problem.GetProperty("twilioCode").GetInt32());
        Assert.Equal(CallStatuses.Failed, call.GetProperty("status").GetString());
        Assert.StartsWith("twilio-error", call.GetProperty("hangupCause").GetString());

        // A failed attempt is not "in progress": the next request may dial again.
        app.Twilio.OnCreateCall = (r, _) => Task.FromResult(new TwilioCall("CAsecond", "queued"));
        Assert.Equal(HttpStatusCode.Accepted, (await app.Client.PostAsync($"/api/payers/{payerId}/outreach", null)).StatusCode);
    }

    [Fact]
    public async Task Outreach_TwilioUnreachable_Returns502AndMarksCallFailed()
    {
        await using var app = await TestApp.StartAsync();
        var payerId = await app.AddPayerAsync("Offline Co", 90);
        app.Twilio.OnCreateCall = (_, _) => throw new HttpRequestException("Connection refused (api.twilio.com:443)");

        var response = await app.Client.PostAsync($"/api/payers/{payerId}/outreach", null);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var call = await app.Client.GetFromJsonAsync<JsonElement>($"/api/calls/{problem.GetProperty("callId").GetInt32()}");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("Could not reach Twilio", problem.GetProperty("detail").GetString());
        Assert.Equal("failed", call.GetProperty("status").GetString());
        Assert.Equal("twilio-unreachable", call.GetProperty("hangupCause").GetString());
    }

    [Fact]
    public async Task Outreach_EveryDecision_IsAudited()
    {
        await using var app = await TestApp.StartAsync();
        var stage3 = await app.AddPayerAsync("Audited Co", 90);
        var stage1 = await app.AddPayerAsync("Young Co", 3, phone: "+13125550188");

        await app.PlaceCallAsync(stage3);
        await app.Client.PostAsync($"/api/payers/{stage1}/outreach", null);

        await using var db = await app.Contexts.CreateDbContextAsync();
        var entries = await db.AuditEntries.OrderBy(a => a.Id).ToListAsync();
        var called = Assert.Single(entries, a => a.Action == "called");
        var refused = Assert.Single(entries, a => a.Action == "refused");
        Assert.Equal((stage3, "api"), (called.PayerId, called.Actor));
        Assert.Contains("STAGE_3", called.Reason);
        Assert.Equal(stage1, refused.PayerId);
        Assert.Contains("STAGE_1", refused.Reason);
        Assert.All(entries, a => Assert.DoesNotContain("1250", a.Reason ?? ""));
    }
}
