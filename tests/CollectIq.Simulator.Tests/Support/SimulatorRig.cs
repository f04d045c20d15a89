using CollectIq.Simulator.Api;
using CollectIq.Simulator.Calls;
using CollectIq.Simulator.Scripts;
using CollectIq.Speech.Audio;

namespace CollectIq.Simulator.Tests.Support;

/// <summary>A started stand-in plus our test webhook server sharing its auth token; one per test.</summary>
public sealed class SimulatorRig : IAsyncDisposable
{
    public const string Payer = "+14155550100";

    private SimulatorRig(FakeTwilio twilio, TestWebhookServer server, HttpClient api)
    {
        Twilio = twilio;
        Server = server;
        Api = api;
    }

    public FakeTwilio Twilio { get; }
    public TestWebhookServer Server { get; }

    /// <summary>An HTTP client authenticated against the stand-in's Calls API.</summary>
    public HttpClient Api { get; }

    public string CallsPath => $"/2010-04-01/Accounts/{Twilio.AccountSid}/Calls.json";

    /// <summary>A caller voice that needs no espeak-ng: a 400 Hz tone, 50 ms per character.</summary>
    public static readonly ICallerVoice ToneVoice = new DelegateCallerVoice((text, _) => ValueTask.FromResult(Tone(text.Length * 50)));

    public static async Task<SimulatorRig> StartAsync(CalleeScript? script = null)
    {
        var twilio = new FakeTwilio(voice: ToneVoice);
        if (script is not null) twilio.Scripts.Default = script;
        await twilio.StartAsync();
        var server = await TestWebhookServer.StartAsync(twilio.AuthToken);
        var api = new HttpClient { BaseAddress = twilio.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{twilio.AccountSid}:{twilio.AuthToken}")));
        return new SimulatorRig(twilio, server, api);
    }

    /// <summary>Places a call through the HTTP API like our client does; returns the stand-in's call.</summary>
    public async Task<SimulatedCall> PlaceCallAsync(params (string Key, string? Value)[] overrides)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("To", Payer),
            new("From", Twilio.PhoneNumber),
            new("Url", Server.Url("/voice").ToString()),
            new("StatusCallback", Server.Url("/status").ToString()),
            new("StatusCallbackEvent", "initiated"),
            new("StatusCallbackEvent", "ringing"),
            new("StatusCallbackEvent", "answered"),
            new("StatusCallbackEvent", "completed"),
            new("Timeout", "20"),
        };
        foreach (var (key, value) in overrides)
        {
            form.RemoveAll(f => f.Key == key);
            if (value is not null) form.Add(new(key, value));
        }
        using var response = await Api.PostAsync(CallsPath, new FormUrlEncodedContent(form));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 201, $"create call answered {(int)response.StatusCode}: {body}");
        var sid = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("sid").GetString()!;
        return await Twilio.Calls.WaitForAsync(sid);
    }

    public static byte[] Tone(int ms, double hz = 400)
    {
        var pcm = new short[ms * 8];
        for (var i = 0; i < pcm.Length; i++) pcm[i] = (short)(8000 * Math.Sin(2 * Math.PI * hz * i / 8000));
        return MuLaw.Encode(pcm);
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Twilio.DisposeAsync();
        await Server.DisposeAsync();
    }
}

public static class TaskTimeouts
{
    /// <summary>Generous: the machine is shared and loaded.</summary>
    public static Task WithTimeout(this Task task, int seconds = 30) => task.WaitAsync(TimeSpan.FromSeconds(seconds));
}
