using System.Net;
using CollectIq.Domain.Calls;
using CollectIq.Simulator.Calls;
using CollectIq.Simulator.Scripts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CollectIq.Simulator.Api;

/// <summary>
/// The Twilio stand-in: Twilio's Calls API on a loopback Kestrel server, and for every call placed,
/// Twilio's behaviour toward our service — signed status callbacks, the voice URL fetched and its
/// TwiML performed, the media stream opened and spoken in real time — with the callee played by a
/// <see cref="CalleeScript"/>. Point TWILIO_API_BASE_URL at <see cref="BaseAddress"/> and use
/// <see cref="AccountSid"/>/<see cref="AuthToken"/> as credentials.
/// </summary>
public sealed class FakeTwilio : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);

    private readonly ILoggerFactory loggerFactory;
    private readonly HttpClient http;
    private readonly FakeTwilioContext context;
    private WebApplication? app;
    private Uri? baseAddress;

    public FakeTwilio(
        FakeTwilioOptions? options = null,
        CalleeScriptRegistry? scripts = null,
        ICallerVoice? voice = null,
        TimeProvider? time = null,
        ILoggerFactory? loggerFactory = null)
    {
        Options = options ?? new FakeTwilioOptions();
        Scripts = scripts ?? new CalleeScriptRegistry();
        Time = time ?? TimeProvider.System;
        this.loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }) { Timeout = Options.WebhookTimeout };
        context = new FakeTwilioContext(Options, Time, new WebhookClient(http, Options.AuthToken), voice ?? new EspeakCallerVoice(),
            this.loggerFactory.CreateLogger("CollectIq.Simulator"));
    }

    public FakeTwilioOptions Options { get; }
    public string AccountSid => Options.AccountSid;
    public string AuthToken => Options.AuthToken;
    public string PhoneNumber => Options.PhoneNumber;
    public TimeProvider Time { get; }

    /// <summary>Chooses each callee's behaviour; change it at any time (read when a call is placed).</summary>
    public CalleeScriptRegistry Scripts { get; }

    /// <summary>Make the next requests fail with 429/5xx.</summary>
    public FaultInjector Faults { get; } = new();

    public SimulatedCallStore Calls { get; } = new();

    /// <summary>http://127.0.0.1:port of the Calls API; set once started.</summary>
    public Uri BaseAddress => baseAddress ?? throw new InvalidOperationException("The Twilio stand-in is not started.");

    public bool IsStarted => baseAddress is not null;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (app is not null) return;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(FakeTwilio).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Options.Port));
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton(loggerFactory);
        var web = builder.Build();
        web.UseRouting();
        web.MapCallsApi(this);
        await web.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = web.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        baseAddress = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
        app = web;
        SimulatorLog.Started(context.Logger, baseAddress.ToString().TrimEnd('/'));
    }

    /// <summary>Places a call as if through the API (validated already): returns at once, the call runs in the background.</summary>
    public SimulatedCall Place(CallRequest request)
    {
        var script = Scripts.ScriptFor(new CalleeLookup(request.To, request.From, request.Url));
        var call = new SimulatedCall(Sids.New("CA"), AccountSid, request, script, Time);
        Calls.Add(call);
        _ = Task.Run(() => new CallRunner(call, context).RunAsync());
        return call;
    }

    /// <summary>Ends every live call (so streams get their stop) and stops the server.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        var live = Calls.All.Where(c => !c.Completion.IsCompleted).ToList();
        foreach (var call in live) call.HangUp("stand-in shutting down");
        await Task.WhenAny(Task.WhenAll(live.Select(c => c.Completion)), Task.Delay(ShutdownGrace, Time)).ConfigureAwait(false);
        if (app is { } web)
        {
            app = null;
            await web.StopAsync(cancellationToken).ConfigureAwait(false);
            await web.DisposeAsync().ConfigureAwait(false);
            SimulatorLog.Stopped(context.Logger);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        http.Dispose();
    }
}
