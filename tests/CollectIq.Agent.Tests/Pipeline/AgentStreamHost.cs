using CollectIq.Agent.Conversation;
using CollectIq.Agent.Hosting;
using CollectIq.Agent.Pipeline;
using CollectIq.Agent.Tests.Fakes;
using CollectIq.Telephony.Tests.Infrastructure;
using CollectIq.Telephony.Tests.MediaStreams;
using InMemoryCallRecorder = CollectIq.Agent.Tests.Fakes.InMemoryCallRecorder;
using CollectIq.Domain.Calls;
using CollectIq.Domain.Payers;
using CollectIq.Telephony.MediaStreams;
using CollectIq.Telephony.Twilio;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CollectIq.Agent.Tests.Pipeline;

/// <summary>
/// Real Kestrel on loopback with the real media-stream session (AddTwilioMediaStreams) and the
/// collections agent (AddCollectionsAgent) as its handler; speech in is scripted, speech out is tone.
/// </summary>
internal sealed class AgentStreamHost : IAsyncDisposable
{
    public const string AuthToken = "bar-secret";
    public const string PublicUrl = "https://abc123.ngrok-free.app";

    private AgentStreamHost(LoopbackServer server) => Server = server;

    public LoopbackServer Server { get; }
    public InMemoryCallRecorder Recorder => (InMemoryCallRecorder)Server.Services.GetRequiredService<ICallRecorder>();
    public ScriptedSpeechListenerFactory Listeners => (ScriptedSpeechListenerFactory)Server.Services.GetRequiredService<ISpeechListenerFactory>();
    public ToneSynthesizer Tone => Server.Services.GetRequiredService<ToneSynthesizer>();
    public TestPayers Payers => (TestPayers)Server.Services.GetRequiredService<IPayerLookup>();
    public TestOptOut OptOut => (TestOptOut)Server.Services.GetRequiredService<IPayerOptOut>();

    /// <param name="extraSettings">More configuration (e.g. <c>Agent:Brain</c> = llm with a fake endpoint).</param>
    public static async Task<AgentStreamHost> StartAsync(IReadOnlyDictionary<string, string?>? extraSettings = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["TWILIO_ACCOUNT_SID"] = "AC0000000000000000000000000000000b",
            ["TWILIO_AUTH_TOKEN"] = AuthToken,
            ["TWILIO_PHONE_NUMBER"] = "+15005550006",
            ["PUBLIC_URL"] = PublicUrl,
            ["MediaStreams:CloseTimeout"] = "00:00:03",
            ["Agent:CompanyName"] = "Acme Supplies",
            ["Agent:CallbackNumber"] = "+14155552671",
        };
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>()) settings[key] = value;
        var server = await LoopbackServer.StartAsync(
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(settings);
                builder.Services.AddTwilioMediaStreams(builder.Configuration);
                builder.Services.AddCollectionsAgent(builder.Configuration);
                builder.Services.AddAgentSynthesizer<ToneSynthesizer>();
                builder.Services.AddSingleton<ISpeechListenerFactory, ScriptedSpeechListenerFactory>();
                builder.Services.AddSingleton<IPayerLookup, TestPayers>();
                builder.Services.AddSingleton<IPayerOptOut, TestOptOut>();
                builder.Services.AddSingleton<ICallRecorder, InMemoryCallRecorder>();
                builder.Services.AddSingleton<IMediaStreamCallResolver, TestCallResolver>();
            },
            app => app.MapTwilioMediaStream());
        return new AgentStreamHost(server);
    }

    public async Task<TwilioStreamClient> ConnectAsync(int callId, object payerId)
    {
        var signature = TwilioSignature.Compute(AuthToken, new TwilioOptions { PublicUrl = PublicUrl }.PublicWebSocket(MediaStreamEndpointRouteBuilderExtensions.DefaultPath).AbsoluteUri);
        var client = await TwilioStreamClient.ConnectAsync(new Uri($"ws://{Server.BaseAddress.Authority}{MediaStreamEndpointRouteBuilderExtensions.DefaultPath}"), signature);
        await client.SendConnectedAsync();
        await client.SendStartAsync("MZ" + callId.ToString("D32"), "CA" + callId.ToString("D32"), callId, payerId);
        return client;
    }

    public async Task<ScriptedSpeechListener> ListenerAsync()
    {
        await EngineHarnessWait.Until(() => Listeners.Created.Count > 0);
        return Listeners.Created[^1];
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

internal sealed class TestPayers : IPayerLookup
{
    public Func<int, Payer?> Find { get; set; } = id => id == 7 ? Sample() : null;

    public Task<Payer?> FindAsync(int payerId, CancellationToken cancellationToken) => Task.FromResult(Find(payerId));

    public static Payer Sample() => new()
    {
        Id = 7,
        Name = "Smith Hardware",
        ContactName = "Jordan Smith",
        ContactPhone = "+12125550100",
        TimeZone = "America/New_York",
        Invoices =
        [
            new Invoice { Number = "INV-1001", Amount = 120.50m, OpenAmount = 120.50m, DueDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-40)) },
            new Invoice { Number = "INV-1002", Amount = 125m, OpenAmount = 125m, DueDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-20)) },
            new Invoice { Number = "INV-0999", Amount = 50m, OpenAmount = 0m, DueDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-90)) },
        ],
    };
}

internal sealed class TestOptOut : IPayerOptOut
{
    public List<int> Payers { get; } = [];

    public Task OptOutAsync(int payerId, int callId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (Payers) Payers.Add(payerId);
        return Task.CompletedTask;
    }
}

internal static class EngineHarnessWait
{
    public static Task Until(Func<bool> condition) => Conversation.EngineHarness.Eventually(condition);
}
