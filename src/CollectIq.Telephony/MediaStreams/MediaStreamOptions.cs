using System.ComponentModel.DataAnnotations;

namespace CollectIq.Telephony.MediaStreams;

/// <summary>
/// Limits and pacing of one media-stream session. Bound from configuration section
/// <c>MediaStreams</c> and validated at start-up.
/// </summary>
public sealed class MediaStreamOptions
{
    public const string SectionName = "MediaStreams";

    /// <summary>Largest inbound WebSocket message; bigger ones close the stream with 1009. Twilio's media messages are ~400 bytes; a start with many parameters a few KB.</summary>
    [Range(1024, 4 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 32 * 1024;

    /// <summary>How far ahead of real time outbound audio may be sent: enough that the line never starves, little enough that a clear is heard at once.</summary>
    [Range(20, 2000)]
    public int LeadMs { get; set; } = 160;

    /// <summary>Audio per outbound media message (Twilio plays ~40–100 ms messages more smoothly than 20 ms ones).</summary>
    [Range(20, 200)]
    public int ChunkMs { get; set; } = 60;

    /// <summary>Queued (not yet sent) audio above which SendAudioAsync waits: backpressure for a producer that runs ahead.</summary>
    [Range(100, 120_000)]
    public int MaxQueuedAudioMs { get; set; } = 5_000;

    /// <summary>Queued items (audio pieces and marks) above which SendAudioAsync/SendMarkAsync wait.</summary>
    [Range(16, 1_000_000)]
    public int MaxQueuedItems { get; set; } = 4_096;

    /// <summary>A socket that sends no start within this time is closed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long we wait for the peer's close frame (or our own send loop) before aborting the socket.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Error events recorded per stream before further ones are only logged (a flood of bad frames must not flood the database).</summary>
    [Range(1, 10_000)]
    public int MaxErrorEventsPerStream { get; set; } = 20;

    /// <summary>µ-law bytes per millisecond (8 kHz, 8 bit, mono).</summary>
    public const int BytesPerMs = 8;
}
