using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using CollectIq.Domain.Calls;
using CollectIq.Simulator.Calls;
using CollectIq.Simulator.Hosting;
using CollectIq.Simulator.Scripts;
using CollectIq.Simulator.Tests.Support;
using CollectIq.Telephony.MediaStreams;
using CollectIq.Telephony.Twilio;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CollectIq.Simulator.Tests.Interop;

/// <summary>
/// The stand-in against the product's own Telephony code, without a database: the real
/// TwilioCallsClient (with its Polly retries) places the call through AddSimulatedTelephony's
/// options, and the real MediaStreamSession with the echo agent answers the stream.
/// </summary>
public sealed class TelephonyInteropTests
{
    [Fact]
    public async Task FullLoop_RealClientAndSession_PayerHearsEchoAndHangsUp()
    {
        await using var host = await TelephonyHost.StartAsync();
        host.Telephony.Scripts.Default = CalleeScript.Answers().AfterRinging(TimeSpan.FromMilliseconds(100))
            .WaitForAgentSpeech(5000).WaitForAgentSilence(400)
            .SayText("hello there friend")
            .WaitForAgentSpeech(5000).WaitForAgentSilence(600)
            .HangUp();

        var created = await host.PlaceCallAsync();
        var statuses = new List<string>();
        await foreach (var e in host.Telephony.WatchCallAsync(created.Sid).WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token))
            if (e is CallStatusChanged changed) statuses.Add(changed.Status);
        var call = await host.Telephony.Twilio.Calls.WaitForAsync(created.Sid);

        Assert.Equal(["queued", "initiated", "ringing", "in-progress", "completed"], statuses);
        Assert.DoesNotContain(call.Events, e => e is CallProblem);
        // The echo agent's greeting tone, then the payer's words played back, each closed by a mark.
        Assert.Equal(["tone", "echo-1"], call.Events.OfType<MarkEchoed>().Select(m => m.Name));
        Assert.True(call.AgentAudio.ReceivedBytes > "hello there friend".Length * 50 * 8, $"echo too short: {call.AgentAudio.ReceivedBytes} bytes");
        Assert.Contains(host.Recorder.Log, l => l.StartsWith("stop"));
        Assert.Contains(host.Recorder.Log, l => l == $"attach {call.Events.OfType<StreamStarted>().Single().StreamSid} {call.Sid}");
    }

    [Fact]
    public async Task CreateCall_StandInFailsTwiceWith503_ClientRetriesAndPlacesCall()
    {
        await using var host = await TelephonyHost.StartAsync(new() { ["Twilio:Retry:BaseDelay"] = "00:00:00.050" });
        host.Telephony.Scripts.Default = CalleeScript.Busy().AfterRinging(TimeSpan.Zero);
        host.Telephony.Twilio.Faults.FailNext(2, 503);

        var created = await host.PlaceCallAsync();

        Assert.Equal("queued", created.Status);
        Assert.Equal(2, host.Telephony.Twilio.Faults.Injected);
        Assert.Single(host.Telephony.Twilio.Calls.All);
    }

    [Fact]
    public async Task EndCall_ThroughRealClient_StandInStopsStreamAndCompletes()
    {
        await using var host = await TelephonyHost.StartAsync();
        host.Telephony.Scripts.Default = CalleeScript.Answers().AfterRinging(TimeSpan.FromMilliseconds(100));
        var created = await host.PlaceCallAsync();
        var call = await host.Telephony.Twilio.Calls.WaitForAsync(created.Sid);
        await call.Line.WaitForSinkAsync(TimeSpan.FromSeconds(30), CancellationToken.None);

        var ended = await host.Client.EndCallAsync(created.Sid);
        await call.Completion.WithTimeout();

        Assert.Equal("completed", ended.Status);
        Assert.Equal("completed", call.Status);
        Assert.Contains(host.Recorder.Log, l => l.StartsWith("stop"));
    }

    [Fact]
    public async Task GetCall_ThroughRealClient_StandInAnswersLikeTwilioAnd404ForUnknownSid()
    {
        await using var host = await TelephonyHost.StartAsync();
        host.Telephony.Scripts.Default = CalleeScript.Answers().AfterRinging(TimeSpan.FromMilliseconds(100)).WaitForAgentSpeech(5000).HangUp();
        var created = await host.PlaceCallAsync();
        var call = await host.Telephony.Twilio.Calls.WaitForAsync(created.Sid);
        await call.Completion.WithTimeout();

        var fetched = await host.Client.GetCallAsync(created.Sid);

        Assert.Equal((created.Sid, "completed"), (fetched.Sid, fetched.Status));
        Assert.Equal(call.DurationSeconds, fetched.DurationSeconds);
        Assert.NotNull(fetched.DurationSeconds);
        var unknown = await Assert.ThrowsAsync<TwilioApiException>(() => host.Client.GetCallAsync("CA00000000000000000000000000000000"));
        Assert.Equal((404, 20404), (unknown.HttpStatus, unknown.Code));
    }

    private sealed class TelephonyHost : IAsyncDisposable
    {
        private readonly WebApplication app;

        private TelephonyHost(WebApplication app, LogRecorder recorder)
        {
            this.app = app;
            Recorder = recorder;
        }

        public LogRecorder Recorder { get; }
        public SimulatedTelephony Telephony => app.Services.GetRequiredService<SimulatedTelephony>();
        public ITwilioCallsClient Client => app.Services.GetRequiredService<ITwilioCallsClient>();

        public static async Task<TelephonyHost> StartAsync(Dictionary<string, string?>? settings = null)
        {
            var port = FreePort();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
            var all = new Dictionary<string, string?> { ["PUBLIC_URL"] = $"http://127.0.0.1:{port}" };
            foreach (var (key, value) in settings ?? []) all[key] = value;
            builder.Configuration.AddInMemoryCollection(all);
            builder.Services.AddSingleton<ICallerVoice>(SimulatorRig.ToneVoice);
            builder.Services.AddSimulatedTelephony(builder.Configuration);
            builder.Services.AddTwilioCallsClient(builder.Configuration);
            builder.Services.AddTwilioMediaStreams(builder.Configuration);
            builder.Services.AddEchoToneMediaStreamHandler(builder.Configuration);
            var recorder = new LogRecorder();
            builder.Services.AddSingleton<ICallRecorder>(recorder);
            builder.Services.AddSingleton<IMediaStreamCallResolver, AcceptAllResolver>();
            var app = builder.Build();
            app.UseWebSockets();
            app.MapTwilioMediaStream();
            app.MapPost("/voice", (IOptions<TwilioOptions> o) => Results.Text(
                $"""<Response><Connect><Stream url="{o.Value.PublicWebSocket(MediaStreamEndpointRouteBuilderExtensions.DefaultPath)}"><Parameter name="payerId" value="4"/><Parameter name="callId" value="9"/></Stream></Connect></Response>""",
                "text/xml"));
            app.MapPost("/status", () => Results.Ok());
            await app.StartAsync();
            return new TelephonyHost(app, recorder);
        }

        public Task<TwilioCall> PlaceCallAsync()
        {
            var options = app.Services.GetRequiredService<IOptions<TwilioOptions>>().Value;
            return Client.CreateCallAsync(new CreateCallRequest("+14155550100", options.PhoneNumber!, options.Public("/voice"), options.Public("/status")));
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }

    private sealed class AcceptAllResolver : IMediaStreamCallResolver
    {
        public ValueTask<MediaStreamCallResolution> ResolveAsync(string callSid, string streamSid, IReadOnlyDictionary<string, string> customParameters, CancellationToken cancellationToken) =>
            ValueTask.FromResult(MediaStreamCallResolution.Accept(int.Parse(customParameters["callId"]), int.Parse(customParameters["payerId"])));
    }

    private sealed class LogRecorder : ICallRecorder
    {
        private readonly ConcurrentQueue<string> log = new();
        public IReadOnlyList<string> Log => log.ToList();

        public Task RecordEventAsync(int callId, string type, string? detail, CancellationToken ct = default) { log.Enqueue($"{type}: {detail}"); return Task.CompletedTask; }
        public Task AttachStreamAsync(int callId, string streamSid, string callSid, CancellationToken ct = default) { log.Enqueue($"attach {streamSid} {callSid}"); return Task.CompletedTask; }
        public Task AppendTurnAsync(int callId, TranscriptTurn turn, CancellationToken ct = default) => Task.CompletedTask;
        public Task MarkTurnInterruptedAsync(int callId, long turnId, string heardText, CancellationToken ct = default) => Task.CompletedTask;
        public Task SetOutcomeAsync(int callId, CallOutcome outcome, string? detailJson, CancellationToken ct = default) => Task.CompletedTask;
        public Task<bool> AdvanceStatusAsync(int callId, string status, string source, CallStatusDetails? details = null, CancellationToken ct = default) => Task.FromResult(true);
    }
}
