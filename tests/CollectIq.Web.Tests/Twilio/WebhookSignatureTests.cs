using System.Net;
using CollectIq.Web.Tests.Infrastructure;

namespace CollectIq.Web.Tests.Twilio;

public sealed class WebhookSignatureTests
{
    public static TheoryData<string> Webhooks => new() { "/collect-iq/voice", "/collect-iq/handle-reminder", "/collect-iq/call-status" };

    [Theory]
    [MemberData(nameof(Webhooks))]
    public async Task Webhook_BadOrMissingSignature_Returns403AndChangesNothing(string path)
    {
        await using var app = await TestApp.StartAsync();
        var callId = await app.PlaceCallAsync(await app.AddPayerAsync("Signed Co", 90));
        var form = new Dictionary<string, string> { ["CallSid"] = "CA1", ["CallStatus"] = "completed", ["Digits"] = "2" };

        foreach (var signing in new[] { Signing.Missing, Signing.WrongToken, Signing.LocalUrl })
        {
            var response = await app.PostWebhookAsync($"{path}?callId={callId}", form, signing);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        var call = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(app.Client, $"/api/calls/{callId}");
        Assert.Equal("queued", call.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, call.GetProperty("outcome").ValueKind);
    }

    [Theory]
    [MemberData(nameof(Webhooks))]
    public async Task Webhook_SignedOverPublicUrl_Returns200(string path)
    {
        await using var app = await TestApp.StartAsync();
        var callId = await app.PlaceCallAsync(await app.AddPayerAsync("Signed Co", 90));
        var form = new Dictionary<string, string> { ["CallStatus"] = "ringing", ["AccountSid"] = "AC00000000000000000000000000000000" };

        var response = await app.PostWebhookAsync($"{path}?callId={callId}", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
