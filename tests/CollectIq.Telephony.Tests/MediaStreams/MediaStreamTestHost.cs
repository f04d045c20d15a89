using CollectIq.Domain.Calls;
using CollectIq.Telephony.MediaStreams;
using CollectIq.Telephony.MediaStreams.Echo;
using CollectIq.Telephony.Tests.Infrastructure;
using CollectIq.Telephony.Twilio;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CollectIq.Telephony.Tests.MediaStreams;

/// <summary>
/// A real Kestrel host on loopback with AddTwilioMediaStreams + MapTwilioMediaStream and the echo
/// agent, behind a pretend public ngrok URL (so the signature is checked against the public wss:// URL).
/// </summary>
public sealed class MediaStreamTestHost : IAsyncDisposable
{
    public const string AuthToken = "bar-secret";
    public const string PublicUrl = "https://abc123.ngrok-free.app";
    public const string Path = MediaStreamEndpointRouteBuilderExtensions.DefaultPath;

    private MediaStreamTestHost(LoopbackServer server) => Server = server;

    public LoopbackServer Server { get; }
    public InMemoryCallRecorder Recorder => (InMemoryCallRecorder)Server.Services.GetRequiredService<ICallRecorder>();
    public TestCallResolver Resolver => (TestCallResolver)Server.Services.GetRequiredService<IMediaStreamCallResolver>();
    public EchoToneHandlerFactory Echo => Server.Services.GetRequiredService<EchoToneHandlerFactory>();
    public MediaStreamSessionRegistry Sessions => Server.Services.GetRequiredService<MediaStreamSessionRegistry>();
    public Uri StreamUri => new($"ws://{Server.BaseAddress.Authority}{Path}");
    public Uri HttpUri => new(Server.BaseAddress, Path.TrimStart('/'));

    /// <summary>What Twilio would put in X-Twilio-Signature for our stream URL.</summary>
    public static string ValidSignature => TwilioSignature.Compute(AuthToken, new TwilioOptions { PublicUrl = PublicUrl }.PublicWebSocket(Path).AbsoluteUri);

    public static async Task<MediaStreamTestHost> StartAsync(Dictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null, Action<Microsoft.AspNetCore.Builder.WebApplication>? beforeMap = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["TWILIO_ACCOUNT_SID"] = "AC0000000000000000000000000000000b",
            ["TWILIO_AUTH_TOKEN"] = AuthToken,
            ["TWILIO_PHONE_NUMBER"] = "+15005550006",
            ["PUBLIC_URL"] = PublicUrl,
            ["MediaStreams:CloseTimeout"] = "00:00:03",
        };
        foreach (var (k, v) in settings ?? []) all[k] = v;
        var server = await LoopbackServer.StartAsync(
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(all);
                builder.Services.AddTwilioMediaStreams(builder.Configuration);
                builder.Services.AddEchoToneMediaStreamHandler(builder.Configuration);
                builder.Services.AddSingleton<ICallRecorder, InMemoryCallRecorder>();
                builder.Services.AddSingleton<IMediaStreamCallResolver, TestCallResolver>();
                configureServices?.Invoke(builder.Services);
            },
            app =>
            {
                beforeMap?.Invoke(app);
                app.MapTwilioMediaStream();
            });
        return new MediaStreamTestHost(server);
    }

    public Task<TwilioStreamClient> ConnectAsync(string? signature = null) =>
        TwilioStreamClient.ConnectAsync(StreamUri, signature ?? ValidSignature);

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
