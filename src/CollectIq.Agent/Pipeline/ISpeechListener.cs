using CollectIq.Agent.Conversation;
using CollectIq.Agent.Dialog;

namespace CollectIq.Agent.Pipeline;

/// <summary>
/// Port to the speech input of one call: VAD + endpointer + streaming STT (adapter over
/// CollectIq.Speech, wired by the host once the speech layer has landed). It turns inbound µ-law
/// into <see cref="PayerStartedSpeaking"/> (as soon as speech starts), <see cref="PayerStoppedSpeaking"/>
/// (when the endpointer calls the turn over) and <see cref="FinalTranscript"/> events.
/// </summary>
public interface ISpeechListener : IAsyncDisposable
{
    /// <summary>Starts listening; events go to <paramref name="post"/> (thread-safe, returns at once).</summary>
    void Start(Action<ConversationEvent> post, DateTimeOffset streamStartedAt);

    /// <summary>One inbound frame (normally 20 ms); the span is only valid during the call: copy it.</summary>
    void PushAudio(ReadOnlySpan<byte> mulaw, long timestampMs);

    /// <summary>
    /// What to listen for next: <see cref="ListenSpec.Expected"/> selects the recognizer grammar,
    /// <see cref="ListenSpec.ExpectsNumberOrDate"/> asks the endpointer to wait longer mid-number/date.
    /// </summary>
    void Expect(ListenSpec listen);
}

public interface ISpeechListenerFactory
{
    ISpeechListener Create();
}
