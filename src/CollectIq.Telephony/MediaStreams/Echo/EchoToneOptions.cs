using System.ComponentModel.DataAnnotations;

namespace CollectIq.Telephony.MediaStreams.Echo;

public enum EchoMode
{
    /// <summary>Waits for the end of each utterance, then plays it back followed by a mark (a natural test agent).</summary>
    Utterance,
    /// <summary>Plays every inbound frame back at once (measures round trips); still one mark per utterance.</summary>
    PerFrame,
}

/// <summary>Settings of the echo-and-tone test agent (section <c>MediaStreams:Echo</c>).</summary>
public sealed class EchoToneOptions
{
    public const string SectionName = "MediaStreams:Echo";
    /// <summary>Mark sent after the greeting tone.</summary>
    public const string ToneMark = "tone";
    /// <summary>Marks after echoed utterances are "echo-1", "echo-2", …</summary>
    public const string EchoMarkPrefix = "echo-";

    public EchoMode Mode { get; set; } = EchoMode.Utterance;

    [Range(0, 5000)]
    public int ToneMs { get; set; } = 200;

    [Range(50, 3900)]
    public int ToneHz { get; set; } = 440;

    /// <summary>Silence that ends an utterance.</summary>
    [Range(20, 5000)]
    public int SilenceMs { get; set; } = 300;

    /// <summary>Mean absolute linear amplitude above which a frame counts as speech.</summary>
    [Range(1, 32000)]
    public int SpeechThreshold { get; set; } = 300;

    /// <summary>Longest utterance kept for playback in Utterance mode.</summary>
    [Range(100, 60_000)]
    public int MaxUtteranceMs { get; set; } = 10_000;

    /// <summary>In PerFrame mode, frames are dropped while this much audio is already pending (never queue seconds of echo).</summary>
    [Range(100, 60_000)]
    public int MaxPendingMs { get; set; } = 1_000;
}
