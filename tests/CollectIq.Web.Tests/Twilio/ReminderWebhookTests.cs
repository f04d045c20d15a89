using System.Net.Http.Json;
using System.Text.Json;
using CollectIq.Web.Tests.Infrastructure;

namespace CollectIq.Web.Tests.Twilio;

public sealed class ReminderWebhookTests
{
    [Theory]
    [InlineData("1", "promise_to_pay")]
    [InlineData("2", "already_paid")]
    [InlineData("3", "dispute")]
    public async Task HandleReminder_MenuChoice_RecordsOutcomeAndSaysGoodbye(string digit, string outcome)
    {
        await using var app = await TestApp.StartAsync();
        var callId = await app.PlaceCallAsync(await app.AddPayerAsync("Keypad Co", 90, voiceAgent: false));
        var sid = await VoiceWebhookTests.Sid(app, callId);

        var root = await Twiml.ReadAsync(await app.PostWebhookAsync($"/collect-iq/handle-reminder?callId={callId}", new Dictionary<string, string> { ["CallSid"] = sid, ["Digits"] = digit }));
        var call = await app.Client.GetFromJsonAsync<JsonElement>($"/api/calls/{callId}");

        Assert.Equal(["Say", "Hangup"], root.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(outcome, call.GetProperty("outcome").GetString());
        Assert.Contains($"\"digit\":\"{digit}\"", call.GetProperty("outcomeDetail").GetString());
    }

    [Theory]
    [InlineData("9", false)]
    [InlineData("7", true)]
    public async Task HandleReminder_RepeatOrInvalidDigit_PlaysTheMenuAgainWithoutOutcome(string digit, bool apologizes)
    {
        await using var app = await TestApp.StartAsync();
        var callId = await app.PlaceCallAsync(await app.AddPayerAsync("Keypad Co", 90, voiceAgent: false));

        var root = await Twiml.ReadAsync(await app.PostWebhookAsync($"/collect-iq/handle-reminder?callId={callId}", new Dictionary<string, string> { ["CallSid"] = await VoiceWebhookTests.Sid(app, callId), ["Digits"] = digit }));
        var call = await app.Client.GetFromJsonAsync<JsonElement>($"/api/calls/{callId}");

        var gather = Assert.Single(root.Elements("Gather"));
        var spoken = string.Join(" ", gather.Elements("Say").Select(s => s.Value));
        Assert.Contains("Press 1", spoken);
        Assert.Equal(apologizes, spoken.Contains("not one of the options"));
        Assert.Equal(JsonValueKind.Null, call.GetProperty("outcome").ValueKind);
    }
}
