using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using CollectIq.Telephony.Twilio;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CollectIq.Simulator.Tests.Support;

/// <summary>
/// A tiny stand-in for our own service, on real Kestrel: serves TwiML at /voice, collects status
/// callbacks at /status and Gather results at /gather-action — validating every X-Twilio-Signature
/// with <see cref="TwilioSignature.IsValid"/> — and accepts the media stream WebSocket at /stream,
/// refusing a bad handshake signature with 403.
/// </summary>
public sealed class TestWebhookServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string authToken;

    private TestWebhookServer(WebApplication app, string authToken, Uri baseAddress)
    {
        this.app = app;
        this.authToken = authToken;
        BaseAddress = baseAddress;
        VoiceTwiml = _ => DefaultVoiceTwiml();
    }

    public Uri BaseAddress { get; }
    public Uri Url(string path) => new(BaseAddress, path);
    public string StreamUrl => $"ws://{BaseAddress.Authority}/stream";

    /// <summary>TwiML answered at /voice; default connects to /stream with two parameters.</summary>
    public Func<IFormCollection, string> VoiceTwiml { get; set; }

    /// <summary>TwiML answered at /gather-action.</summary>
    public string GatherActionTwiml { get; set; } = "<Response><Say>Thank you</Say><Hangup/></Response>";

    /// <summary>What our side does on an accepted media stream; default: listen until Twilio closes.</summary>
    public Func<StreamConnection, Task> OnStream { get; set; } = connection => connection.ReceiveUntilClosedAsync();

    /// <summary>When false, /stream answers the handshake with 403 regardless of the signature.</summary>
    public bool AcceptStreams { get; set; } = true;

    public ConcurrentQueue<SignedRequest> Requests { get; } = new();
    public ConcurrentQueue<StreamConnection> Streams { get; } = new();
    public ConcurrentQueue<bool> HandshakeSignaturesValid { get; } = new();

    public IReadOnlyList<SignedRequest> StatusCallbacks => Requests.Where(r => r.Path == "/status").ToList();

    public static async Task<TestWebhookServer> StartAsync(string authToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseWebSockets();
        var address = new Uri("http://127.0.0.1"); // replaced after start
        TestWebhookServer? server = null;
        app.MapPost("/voice", (HttpContext c) => server!.HandleAsync(c, form => server!.VoiceTwiml(form)));
        app.MapPost("/status", (HttpContext c) => server!.HandleAsync(c, _ => null));
        app.MapPost("/amd", (HttpContext c) => server!.HandleAsync(c, _ => null));
        app.MapGet("/voice-get", (HttpContext c) => server!.HandleGetAsync(c, "<Response><Say>GET works</Say></Response>"));
        app.MapPost("/stream-status", (HttpContext c) => server!.HandleAsync(c, _ => null));
        app.MapPost("/gather-action", (HttpContext c) => server!.HandleAsync(c, _ => server!.GatherActionTwiml));
        app.Map("/stream", (HttpContext c) => server!.AcceptStreamAsync(c));
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new TestWebhookServer(app, authToken, new Uri(bound));
        return server;
    }

    private async Task HandleAsync(HttpContext context, Func<IFormCollection, string?> respond)
    {
        var form = await context.Request.ReadFormAsync();
        var url = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}{context.Request.QueryString}";
        var parameters = form.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? ""))).ToList();
        var valid = TwilioSignature.IsValid(authToken, url, parameters, context.Request.Headers["X-Twilio-Signature"]);
        Requests.Enqueue(new SignedRequest(context.Request.Path, parameters.ToDictionary(p => p.Key, p => p.Value), valid, DateTimeOffset.UtcNow));
        if (!valid)
        {
            context.Response.StatusCode = 403;
            return;
        }
        var twiml = respond(form);
        if (twiml is null)
        {
            context.Response.StatusCode = 204;
            return;
        }
        context.Response.ContentType = "text/xml";
        await context.Response.WriteAsync(twiml);
    }

    /// <summary>GET webhooks: parameters ride in the query; Twilio signs the full URL alone.</summary>
    private async Task HandleGetAsync(HttpContext context, string twiml)
    {
        var url = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}{context.Request.QueryString}";
        var valid = TwilioSignature.IsValid(authToken, url, null, context.Request.Headers["X-Twilio-Signature"]);
        Requests.Enqueue(new SignedRequest(context.Request.Path, context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()), valid, DateTimeOffset.UtcNow));
        if (!valid)
        {
            context.Response.StatusCode = 403;
            return;
        }
        context.Response.ContentType = "text/xml";
        await context.Response.WriteAsync(twiml);
    }

    private async Task AcceptStreamAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 426;
            return;
        }
        // ASP.NET Core sees http://; Twilio signed the ws:// URL.
        var url = $"ws://{context.Request.Host}{context.Request.Path}{context.Request.QueryString}";
        var valid = TwilioSignature.IsValid(authToken, url, null, context.Request.Headers["X-Twilio-Signature"]);
        HandshakeSignaturesValid.Enqueue(valid);
        if (!valid || !AcceptStreams)
        {
            context.Response.StatusCode = 403;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new StreamConnection(socket);
        Streams.Enqueue(connection);
        try
        {
            await OnStream(connection);
        }
        finally
        {
            connection.MarkEnded();
        }
    }

    public string DefaultVoiceTwiml() =>
        $"""<?xml version="1.0" encoding="UTF-8"?><Response><Connect><Stream url="{StreamUrl}"><Parameter name="payerId" value="42"/><Parameter name="callId" value="7"/></Stream></Connect></Response>""";

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

public sealed record SignedRequest(string Path, IReadOnlyDictionary<string, string> Form, bool SignatureValid, DateTimeOffset At);
