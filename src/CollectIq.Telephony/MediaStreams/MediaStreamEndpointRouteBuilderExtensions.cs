using CollectIq.Domain.Calls;
using CollectIq.Telephony.MediaStreams.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CollectIq.Telephony.MediaStreams;

public static partial class MediaStreamEndpointRouteBuilderExtensions
{
    public const string DefaultPath = "/collect-iq/media-stream";

    /// <summary>
    /// Maps Twilio's Media Streams WebSocket at <paramref name="path"/>. A plain HTTP GET gets 426 with an
    /// explanation (never the first version's ngrok "400 webSocket upgrade required"); a handshake no
    /// <see cref="IMediaStreamAuthenticator"/> accepts gets 403; an accepted one runs a
    /// <see cref="MediaStreamSession"/> until the stream ends. Also enables WebSockets on a WebApplication.
    /// Requires <see cref="MediaStreamServiceCollectionExtensions.AddTwilioMediaStreams"/> and the host's
    /// IMediaStreamCallResolver, IMediaStreamHandlerFactory and ICallRecorder.
    /// </summary>
    public static IEndpointConventionBuilder MapTwilioMediaStream(this IEndpointRouteBuilder endpoints, string path = DefaultPath)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (!path.StartsWith('/')) throw new ArgumentException("The path must start with '/'.", nameof(path));
        // On a WebApplication, middleware added here still runs before the endpoint; without it
        // IsWebSocketRequest is always false and Twilio would get 426.
        if (endpoints is IApplicationBuilder app) app.UseWebSockets();
        return endpoints.Map(path, context => HandleAsync(context, path)).WithDisplayName("Twilio media stream");
    }

    private static async Task HandleAsync(HttpContext context, string path)
    {
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MediaStreamSession).FullName!);
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await RefuseNonWebSocketAsync(context, path, logger).ConfigureAwait(false);
            return;
        }

        var reasons = new List<string>();
        string? principal = null;
        foreach (var authenticator in services.GetServices<IMediaStreamAuthenticator>())
        {
            var result = await authenticator.AuthenticateAsync(context, path, context.RequestAborted).ConfigureAwait(false);
            if (result.Outcome == MediaStreamAuthenticationOutcome.Success)
            {
                principal = $"{authenticator.Name}:{result.Principal}";
                break;
            }
            reasons.Add($"{authenticator.Name}: {result.Reason}");
        }
        if (principal is null)
        {
            var why = reasons.Count == 0 ? "no media-stream authenticator is registered" : string.Join("; ", reasons);
            LogRefused(logger, path, why);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync($"Media stream refused: {why}.\n").ConfigureAwait(false);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var session = new MediaStreamSession(
            socket,
            services.GetRequiredService<IOptions<MediaStreamOptions>>().Value,
            services.GetRequiredService<IMediaStreamCallResolver>(),
            services.GetRequiredService<IMediaStreamHandlerFactory>(),
            services.GetRequiredService<ICallRecorder>(),
            services.GetRequiredService<MediaStreamSessionRegistry>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<MediaStreamSession>>());
        var lifetime = services.GetService<IHostApplicationLifetime>();
        await session.RunAsync(lifetime?.ApplicationStopping ?? CancellationToken.None).ConfigureAwait(false);
    }

    private static Task RefuseNonWebSocketAsync(HttpContext context, string path, ILogger logger)
    {
        var response = context.Response;
        response.ContentType = "text/plain; charset=utf-8";
        if (context.Request.Headers.Upgrade.ToString().Contains("websocket", StringComparison.OrdinalIgnoreCase))
        {
            // An upgrade we cannot see as one: the WebSocket middleware is missing from the host.
            LogWebSocketsNotEnabled(logger, path);
            response.StatusCode = StatusCodes.Status500InternalServerError;
            return response.WriteAsync("WebSocket support is not enabled on this server (app.UseWebSockets() must run before the media-stream endpoint).\n");
        }
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = "GET";
            return response.WriteAsync(
                $"{path} is the Twilio Media Streams WebSocket; it only accepts a GET with a WebSocket upgrade. " +
                "Twilio's voice webhook is a different URL (POST /collect-iq/voice).\n");
        }
        response.StatusCode = StatusCodes.Status426UpgradeRequired;
        response.Headers.Upgrade = "websocket";
        response.Headers.Connection = "Upgrade";
        return response.WriteAsync(
            $"{path} is the Twilio Media Streams WebSocket endpoint. It needs a WebSocket upgrade (wss:// from Twilio's " +
            "<Connect><Stream url=\"wss://…\">), not a plain HTTP request. The server is reachable; point a WebSocket client here.\n");
    }

    [LoggerMessage(EventId = 3210, Level = LogLevel.Warning, Message = "Media stream handshake on {Path} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 3211, Level = LogLevel.Error, Message = "WebSocket upgrade on {Path} not recognised: app.UseWebSockets() is missing")]
    private static partial void LogWebSocketsNotEnabled(ILogger logger, string path);
}
