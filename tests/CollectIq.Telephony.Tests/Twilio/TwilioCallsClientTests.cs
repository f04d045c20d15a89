using System.Diagnostics;
using System.Net;
using System.Text;
using CollectIq.Telephony.Twilio;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CollectIq.Telephony.Tests.Twilio;

public sealed class TwilioCallsClientTests : IAsyncLifetime
{
    private const string AccountSid = "AC0000000000000000000000000000000b";
    private const string AuthToken = "secret-token";
    private TwilioApiStandIn _twilio = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _twilio = await TwilioApiStandIn.StartAsync();
        _services = BuildServices(new Dictionary<string, string?>());
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _twilio.DisposeAsync();
    }

    private ServiceProvider BuildServices(Dictionary<string, string?> overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["TWILIO_ACCOUNT_SID"] = AccountSid,
            ["TWILIO_AUTH_TOKEN"] = AuthToken,
            ["TWILIO_PHONE_NUMBER"] = "+15005550006",
            ["PUBLIC_URL"] = "https://abc123.ngrok-free.app",
            ["TWILIO_API_BASE_URL"] = _twilio.BaseAddress.ToString(),
            ["Twilio:Retry:BaseDelay"] = "00:00:00.010",
            ["Twilio:Retry:MaxDelay"] = "00:00:05",
        };
        foreach (var (k, v) in overrides) settings[k] = v;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddTwilioCallsClient(configuration).BuildServiceProvider();
    }

    private ITwilioCallsClient Client => _services.GetRequiredService<ITwilioCallsClient>();

    private static CreateCallRequest Request(string? machineDetection = null, Uri? amdCallback = null) => new(
        "+14155550123", "+15005550006",
        new Uri("https://abc123.ngrok-free.app/collect-iq/voice?callId=7"),
        new Uri("https://abc123.ngrok-free.app/collect-iq/call-status"),
        TimeoutSeconds: 25, MachineDetection: machineDetection, AsyncAmdStatusCallback: amdCallback);

    [Fact]
    public async Task CreateCallAsync_ValidRequest_PostsExactFormWithBasicAuth()
    {
        _twilio.Enqueue(ScriptedResponse.Created("CA11111111111111111111111111111111", "queued"));

        var call = await Client.CreateCallAsync(Request());

        Assert.Equal("CA11111111111111111111111111111111", call.Sid);
        Assert.Equal("queued", call.Status);
        var request = Assert.Single(_twilio.Requests);
        Assert.Equal($"/2010-04-01/Accounts/{AccountSid}/Calls.json", request.Path);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}")), request.Authorization);
        Assert.StartsWith("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal(
            new[]
            {
                "To=+14155550123", "From=+15005550006", "Url=https://abc123.ngrok-free.app/collect-iq/voice?callId=7", "Method=POST",
                "StatusCallback=https://abc123.ngrok-free.app/collect-iq/call-status", "StatusCallbackMethod=POST",
                "StatusCallbackEvent=initiated", "StatusCallbackEvent=ringing", "StatusCallbackEvent=answered",
                "StatusCallbackEvent=completed", "Timeout=25",
            }.Order(),
            request.Form.Select(f => $"{f.Key}={f.Value}").Order());
    }

    [Fact]
    public async Task CreateCallAsync_AsyncMachineDetection_SendsAmdFields()
    {
        var amd = new Uri("https://abc123.ngrok-free.app/collect-iq/amd");

        await Client.CreateCallAsync(Request("DetectMessageEnd", amd));

        var request = Assert.Single(_twilio.Requests);
        Assert.Equal(["DetectMessageEnd"], request.Values("MachineDetection"));
        Assert.Equal(["true"], request.Values("AsyncAmd"));
        Assert.Equal([amd.AbsoluteUri], request.Values("AsyncAmdStatusCallback"));
        Assert.Equal(["POST"], request.Values("AsyncAmdStatusCallbackMethod"));
    }

    [Fact]
    public async Task EndCallAsync_CallSid_PostsStatusCompletedToTheCall()
    {
        _twilio.Enqueue(ScriptedResponse.Created("CA22222222222222222222222222222222", "completed"));

        var call = await Client.EndCallAsync("CA22222222222222222222222222222222");

        Assert.Equal("completed", call.Status);
        var request = Assert.Single(_twilio.Requests);
        Assert.Equal($"/2010-04-01/Accounts/{AccountSid}/Calls/CA22222222222222222222222222222222.json", request.Path);
        Assert.Equal(["Status=completed"], request.Form.Select(f => $"{f.Key}={f.Value}"));
    }

    [Fact]
    public async Task GetCallAsync_FinishedCall_ReadsStatusDurationAndAnsweredBy()
    {
        _twilio.Enqueue(new ScriptedResponse(200,
            """{"sid":"CA44444444444444444444444444444444","status":"completed","duration":"42","answered_by":"machine_end_beep","to":"+14155550123"}""", []));

        var call = await Client.GetCallAsync("CA44444444444444444444444444444444");

        Assert.Equal(("completed", 42, "machine_end_beep"), (call.Status, call.DurationSeconds, call.AnsweredBy));
        var request = Assert.Single(_twilio.Requests);
        Assert.Equal($"/2010-04-01/Accounts/{AccountSid}/Calls/CA44444444444444444444444444444444.json", request.Path);
        Assert.Empty(request.Form);
    }

    [Fact]
    public async Task GetCallAsync_UnknownSid_ThrowsNotFoundWithoutRetrying()
    {
        _twilio.Enqueue(ScriptedResponse.Error(404, 20404, "The requested resource was not found"));

        var error = await Assert.ThrowsAsync<TwilioApiException>(() => Client.GetCallAsync("CA55555555555555555555555555555555"));

        Assert.Equal((404, 20404), (error.HttpStatus, error.Code));
        Assert.Single(_twilio.Requests);
    }

    [Fact]
    public async Task CreateCallAsync_ServiceUnavailableThenCreated_RetriesAndSucceeds()
    {
        _twilio.Enqueue(
            ScriptedResponse.Error(503, 20500, "Service unavailable"),
            ScriptedResponse.Error(502, 20500, "Bad gateway"),
            ScriptedResponse.Created("CA33333333333333333333333333333333", "queued"));

        var call = await Client.CreateCallAsync(Request());

        Assert.Equal("CA33333333333333333333333333333333", call.Sid);
        Assert.Equal(3, _twilio.Requests.Count);
        // Each retry re-sends the same form, not an empty body.
        Assert.All(_twilio.Requests, r => Assert.Equal(["+14155550123"], r.Values("To")));
    }

    [Fact]
    public async Task CreateCallAsync_TooManyRequestsWithRetryAfter_WaitsAtLeastRetryAfter()
    {
        _twilio.Enqueue(
            ScriptedResponse.Error(429, 20429, "Too Many Requests", ("Retry-After", "1")),
            ScriptedResponse.Created("CA44444444444444444444444444444444", "queued"));

        var call = await Client.CreateCallAsync(Request());

        Assert.Equal("CA44444444444444444444444444444444", call.Sid);
        var requests = _twilio.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        // Lower bound only: the base delay is 10 ms, so only Retry-After explains a ~1 s gap.
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromMilliseconds(900), $"retried after {(requests[1].At - requests[0].At).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task CreateCallAsync_BadRequest_DoesNotRetryAndMapsTwilioError()
    {
        _twilio.Enqueue(ScriptedResponse.Error(400, 21211, "The 'To' number +1415555 is not a valid phone number."));

        var error = await Assert.ThrowsAsync<TwilioApiException>(() => Client.CreateCallAsync(Request()));

        Assert.Single(_twilio.Requests);
        Assert.Equal(400, error.HttpStatus);
        Assert.Equal(21211, error.Code);
        Assert.Equal("https://www.twilio.com/docs/errors/21211", error.MoreInfo);
        Assert.Contains("not a valid phone number", error.Message);
        Assert.Contains("21211", error.Message);
    }

    [Theory]
    [InlineData(401, 20003)]
    [InlineData(404, 20404)]
    [InlineData(408, 20408)]
    public async Task CreateCallAsync_OtherClientErrors_NeverRetried(int status, int code)
    {
        _twilio.Enqueue(ScriptedResponse.Error(status, code, "no"));

        var error = await Assert.ThrowsAsync<TwilioApiException>(() => Client.CreateCallAsync(Request()));

        Assert.Equal(status, error.HttpStatus);
        Assert.Single(_twilio.Requests);
    }

    [Fact]
    public async Task CreateCallAsync_ServerErrorEveryTime_GivesUpAfterMaxRetries()
    {
        _twilio.Fallback = ScriptedResponse.Error(500, 20500, "Internal error");

        var error = await Assert.ThrowsAsync<TwilioApiException>(() => Client.CreateCallAsync(Request()));

        Assert.Equal(500, error.HttpStatus);
        Assert.Equal(1 + new TwilioRetryOptions().MaxRetries, _twilio.Requests.Count);
    }

    [Fact]
    public void MapError_BodyNotJson_KeepsStatusAndText()
    {
        var error = TwilioCallsClient.MapError(HttpStatusCode.BadGateway, "<html>ngrok tunnel offline</html>");

        Assert.Equal(502, error.HttpStatus);
        Assert.Null(error.Code);
        Assert.Contains("ngrok tunnel offline", error.Message);
    }

    [Fact]
    public async Task CreateCallAsync_SimulatedTelephony_ThrowsClearError()
    {
        await using var services = BuildServices(new() { ["TWILIO_ACCOUNT_SID"] = null, ["TWILIO_AUTH_TOKEN"] = null });
        var client = services.GetRequiredService<ITwilioCallsClient>();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.CreateCallAsync(Request()));

        Assert.Contains("TWILIO_ACCOUNT_SID", error.Message);
        Assert.Empty(_twilio.Requests);
    }

    [Fact]
    public async Task AddTwilioCallsClient_AccountWithoutToken_FailsAtStartup()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TWILIO_ACCOUNT_SID"] = AccountSid,
            ["TWILIO_PHONE_NUMBER"] = "+15005550006",
            ["PUBLIC_URL"] = "https://abc123.ngrok-free.app",
        });
        builder.Services.AddTwilioCallsClient(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("TWILIO_AUTH_TOKEN", error.Message);
    }
}
