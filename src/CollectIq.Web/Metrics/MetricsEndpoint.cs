using CollectIq.Agent.Conversation;
using CollectIq.Telephony.MediaStreams;
using CollectIq.Web.Auth;
using OpenTelemetry.Metrics;

namespace CollectIq.Web.Metrics;

/// <summary>
/// <c>GET /metrics</c> in Prometheus text format: meters <c>CollectIq.Agent</c> (per-turn endpoint, STT,
/// dialog, TTS first frame, voice-to-voice; barge-ins) and <c>CollectIq.MediaStreams</c> (frame handling,
/// streams, protocol errors). Protected like /api (API key, or the operator session once the web app adds
/// it to the policy): per-call latencies and call counts are operational data, and one policy is simpler
/// to reason about than a loopback exception that breaks behind a reverse proxy.
/// Prometheus scrapes with the <c>X-Api-Key</c> header.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static IServiceCollection AddCollectIqMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(AgentMetrics.MeterName, MediaStreamMetrics.MeterName)
            .AddPrometheusExporter());
        return services;
    }

    public static IEndpointRouteBuilder MapCollectIqMetrics(this IEndpointRouteBuilder routes)
    {
        routes.MapPrometheusScrapingEndpoint(Path).RequireAuthorization(ApiAuthorization.PolicyName);
        return routes;
    }
}
