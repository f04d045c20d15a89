using System.Diagnostics.Metrics;

namespace CollectIq.Telephony.MediaStreams;

/// <summary>
/// Meter <c>CollectIq.MediaStreams</c>: per-frame handling time (socket receive complete → handler
/// returned) and stream counts. Cheap when nobody listens; the bench and OpenTelemetry listen.
/// </summary>
public static class MediaStreamMetrics
{
    public const string MeterName = "CollectIq.MediaStreams";
    public const string FrameHandlingInstrument = "collectiq.media_stream.frame_handling";

    private static readonly Meter Meter = new(MeterName, "1.0");

    /// <summary>Milliseconds from the end of a media message's receive to the handler's OnAudio returning.</summary>
    internal static readonly Histogram<double> FrameHandling =
        Meter.CreateHistogram<double>(FrameHandlingInstrument, "ms", "Time from receiving a media message to the handler having it");

    internal static readonly Counter<long> StreamsStarted =
        Meter.CreateCounter<long>("collectiq.media_stream.started", description: "Streams whose start was accepted");

    internal static readonly Counter<long> ProtocolErrors =
        Meter.CreateCounter<long>("collectiq.media_stream.protocol_errors", description: "Bad inbound messages (malformed, wrong stream, invalid base64, …)");
}
