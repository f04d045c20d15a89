using System.Diagnostics.Metrics;

namespace CollectIq.Agent.Conversation;

/// <summary>
/// Latency of one payer turn → agent reply (definitions in docs/DIALOG.md, "Turn metrics").
/// Null when a stage did not happen (a DTMF turn has no STT; a reply without speech has no TTS).
/// </summary>
public sealed record TurnMetrics(
    int Turn,
    /// <summary>End of the payer's voiced audio → the endpointer declared the turn over.</summary>
    double? EndpointDelayMs,
    /// <summary>Turn over → final transcript received.</summary>
    double? SttMs,
    /// <summary>Time inside the dialog for this input.</summary>
    double DialogMs,
    /// <summary>Dialog reply ready → first synthesized audio of the reply handed to the outbound media.</summary>
    double? TtsFirstFrameMs,
    /// <summary>End of the payer's voiced audio → first audio of the reply handed to the outbound media.</summary>
    double? VoiceToVoiceMs,
    /// <summary>When this turn cut the agent off: the payer's speech onset → <c>clear</c> sent.</summary>
    double? BargeInDelayMs = null);

/// <summary>The agent's instruments (meter "CollectIq.Agent"), for the /metrics exporter.</summary>
public static class AgentMetrics
{
    public const string MeterName = "CollectIq.Agent";
    private static readonly Meter Meter = new(MeterName);

    public static readonly Histogram<double> EndpointDelay = Meter.CreateHistogram<double>("collectiq.agent.endpoint_delay", "ms");
    public static readonly Histogram<double> Stt = Meter.CreateHistogram<double>("collectiq.agent.stt", "ms");
    public static readonly Histogram<double> Dialog = Meter.CreateHistogram<double>("collectiq.agent.dialog", "ms");
    public static readonly Histogram<double> TtsFirstFrame = Meter.CreateHistogram<double>("collectiq.agent.tts_first_frame", "ms");
    public static readonly Histogram<double> VoiceToVoice = Meter.CreateHistogram<double>("collectiq.agent.voice_to_voice", "ms");
    public static readonly Counter<long> BargeIns = Meter.CreateCounter<long>("collectiq.agent.barge_ins");
    /// <summary>Payer speech onset (VAD) → <c>clear</c> sent, for every barge-in by voice.</summary>
    public static readonly Histogram<double> BargeInDelay = Meter.CreateHistogram<double>("collectiq.agent.barge_in_delay", "ms");
    /// <summary>Barge-ins that proved false (noise, a short backchannel): the agent resumed.</summary>
    public static readonly Counter<long> FalseInterruptions = Meter.CreateCounter<long>("collectiq.agent.false_interruptions");
    /// <summary>Answers split by a pause and answered once (ConversationEngine.Continuation.cs).</summary>
    public static readonly Counter<long> MergedTurns = Meter.CreateCounter<long>("collectiq.agent.merged_turns");

    internal static void Record(TurnMetrics m)
    {
        if (m.EndpointDelayMs is { } e) EndpointDelay.Record(e);
        if (m.SttMs is { } s) Stt.Record(s);
        Dialog.Record(m.DialogMs);
        if (m.TtsFirstFrameMs is { } t) TtsFirstFrame.Record(t);
        if (m.VoiceToVoiceMs is { } v) VoiceToVoice.Record(v);
    }
}
