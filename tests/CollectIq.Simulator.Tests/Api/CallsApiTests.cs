using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CollectIq.Simulator.Calls;
using CollectIq.Simulator.Scripts;
using CollectIq.Simulator.Tests.Support;

namespace CollectIq.Simulator.Tests.Api;

public sealed class CallsApiTests
{
    private static FormUrlEncodedContent Form(string to = SimulatorRig.Payer, string from = "+15005550006") => new(new Dictionary<string, string>
    {
        ["To"] = to,
        ["From"] = from,
        ["Url"] = "http://127.0.0.1:9/voice",
    });

    [Fact]
    public async Task CreateCall_ValidForm_Answers201WithQueuedCall()
    {
        await using var rig = await SimulatorRig.StartAsync(CalleeScript.Busy().AfterRinging(TimeSpan.Zero));

        using var response = await rig.Api.PostAsync(rig.CallsPath, Form());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var sid = json.GetProperty("sid").GetString();
        Assert.True(Sids.IsValid(sid, "CA"), sid);
        Assert.Equal("queued", json.GetProperty("status").GetString());
        Assert.Equal(SimulatorRig.Payer, json.GetProperty("to").GetString());
        Assert.Equal("+15005550006", json.GetProperty("from").GetString());
        Assert.Equal(rig.Twilio.AccountSid, json.GetProperty("account_sid").GetString());
    }

    [Fact]
    public async Task CreateCall_NoCredentials_Answers401TwilioError()
    {
        await using var rig = await SimulatorRig.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = rig.Twilio.BaseAddress };

        using var response = await anonymous.PostAsync(rig.CallsPath, Form());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(20003, json.GetProperty("code").GetInt32());
        Assert.Equal(401, json.GetProperty("status").GetInt32());
        Assert.Empty(rig.Twilio.Calls.All);
    }

    [Fact]
    public async Task CreateCall_WrongAuthToken_Answers401()
    {
        await using var rig = await SimulatorRig.StartAsync();
        using var client = new HttpClient { BaseAddress = rig.Twilio.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{rig.Twilio.AccountSid}:not-the-token")));

        using var response = await client.PostAsync(rig.CallsPath, Form());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task CreateCall_OtherAccountInPath_Answers401()
    {
        await using var rig = await SimulatorRig.StartAsync();

        using var response = await rig.Api.PostAsync($"/2010-04-01/Accounts/{Sids.New("AC")}/Calls.json", Form());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("4155550100")]
    [InlineData("+1 415 555 0100")]
    [InlineData("call me")]
    public async Task CreateCall_ToNotE164_Answers400With21211(string to)
    {
        await using var rig = await SimulatorRig.StartAsync();

        using var response = await rig.Api.PostAsync(rig.CallsPath, Form(to: to));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(21211, json.GetProperty("code").GetInt32());
        Assert.Equal(400, json.GetProperty("status").GetInt32());
        Assert.Equal("https://www.twilio.com/docs/errors/21211", json.GetProperty("more_info").GetString());
        Assert.Contains("'To'", json.GetProperty("message").GetString());
        Assert.Empty(rig.Twilio.Calls.All);
    }

    [Fact]
    public async Task CreateCall_FromNotE164_Answers400With21212()
    {
        await using var rig = await SimulatorRig.StartAsync();

        using var response = await rig.Api.PostAsync(rig.CallsPath, Form(from: "CollectIQ"));

        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(21212, json.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task CreateCall_BrokenMultipartBody_Answers400NotCrash()
    {
        await using var rig = await SimulatorRig.StartAsync();
        var content = new StringContent("--x\r\nContent-Disposition: form-data; name=\"To\"\r\n\r\n+1415", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");

        using var response = await rig.Api.PostAsync(rig.CallsPath, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(20001, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task CreateCall_NoForm_Answers400MissingTo()
    {
        await using var rig = await SimulatorRig.StartAsync();

        using var response = await rig.Api.PostAsync(rig.CallsPath, new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(21201, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task CreateCall_FaultsInjected_FailsThatManyThenSucceeds()
    {
        await using var rig = await SimulatorRig.StartAsync(CalleeScript.Busy().AfterRinging(TimeSpan.Zero));
        rig.Twilio.Faults.FailNext(2, 503);

        using var first = await rig.Api.PostAsync(rig.CallsPath, Form());
        using var second = await rig.Api.PostAsync(rig.CallsPath, Form());
        using var third = await rig.Api.PostAsync(rig.CallsPath, Form());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal(20503, JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetInt32());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(HttpStatusCode.Created, third.StatusCode);
        Assert.Equal(2, rig.Twilio.Faults.Injected);
        Assert.Single(rig.Twilio.Calls.All);
    }

    [Fact]
    public async Task CreateCall_TooManyRequestsInjected_Answers429()
    {
        await using var rig = await SimulatorRig.StartAsync();
        rig.Twilio.Faults.FailNext(1, 429);

        using var response = await rig.Api.PostAsync(rig.CallsPath, Form());

        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        Assert.Equal(20429, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task UpdateCall_UnknownSid_Answers404()
    {
        await using var rig = await SimulatorRig.StartAsync();

        using var response = await rig.Api.PostAsync($"/2010-04-01/Accounts/{rig.Twilio.AccountSid}/Calls/{Sids.New("CA")}.json",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Status"] = "completed" }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(20404, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task UpdateCall_StatusCompletedWhileStreaming_StopsStreamAndCompletes()
    {
        await using var rig = await SimulatorRig.StartAsync(CalleeScript.Answers().AfterRinging(TimeSpan.FromMilliseconds(100)));
        var call = await rig.PlaceCallAsync();
        var stream = await WaitForStreamAsync(rig.Server);
        await stream.WaitForEventAsync("media");

        using var response = await rig.Api.PostAsync($"/2010-04-01/Accounts/{rig.Twilio.AccountSid}/Calls/{call.Sid}.json",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Status"] = "completed" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stop = await stream.WaitForEventAsync("stop");
        Assert.Equal(call.Sid, stop.Body.GetProperty("callSid").GetString());
        await call.Completion.WithTimeout();
        Assert.Equal("completed", call.Status);
        Assert.Equal("completed", rig.Server.StatusCallbacks.Last().Form["CallStatus"]);
    }

    [Fact]
    public async Task FetchCall_KnownSid_AnswersCurrentStatus()
    {
        await using var rig = await SimulatorRig.StartAsync(CalleeScript.Busy().AfterRinging(TimeSpan.Zero));
        var call = await rig.PlaceCallAsync();
        await call.Completion.WithTimeout();

        var json = JsonDocument.Parse(await rig.Api.GetStringAsync($"/2010-04-01/Accounts/{rig.Twilio.AccountSid}/Calls/{call.Sid}.json")).RootElement;

        Assert.Equal("busy", json.GetProperty("status").GetString());
    }

    internal static async Task<StreamConnection> WaitForStreamAsync(TestWebhookServer server)
    {
        for (var i = 0; i < 600; i++)
        {
            if (server.Streams.TryPeek(out var stream)) return stream;
            await Task.Delay(50);
        }
        throw new TimeoutException("No media stream connected.");
    }
}
