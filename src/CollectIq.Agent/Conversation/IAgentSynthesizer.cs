namespace CollectIq.Agent.Conversation;

/// <summary>
/// Port to text-to-speech (adapter over CollectIq.Speech TTS, wired by the host): one sentence in,
/// raw µ-law 8 kHz chunks out as soon as they are ready (streaming), stopping promptly on cancel.
/// </summary>
public interface IAgentSynthesizer
{
    IAsyncEnumerable<ReadOnlyMemory<byte>> SynthesizeAsync(string sentence, CancellationToken cancellationToken);
}

/// <summary>Port to the payer's record: stop all future outreach at once (implemented by the data layer).</summary>
public interface IPayerOptOut
{
    Task OptOutAsync(int payerId, int callId, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>Where per-turn metrics go besides the meter (e.g. stored with the call). Optional.</summary>
public interface ITurnMetricsSink
{
    void Add(int callId, TurnMetrics metrics);
}
