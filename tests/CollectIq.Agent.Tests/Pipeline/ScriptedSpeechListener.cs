using CollectIq.Agent.Conversation;
using CollectIq.Agent.Dialog;
using CollectIq.Agent.Pipeline;

namespace CollectIq.Agent.Tests.Pipeline;

/// <summary>
/// Stands in for VAD + STT (the speech layer is not wired yet): counts the inbound frames it is
/// given and lets the test "recognize" an utterance, posting the same events the real listener will.
/// </summary>
internal sealed class ScriptedSpeechListener : ISpeechListener
{
    private Action<ConversationEvent>? _post;
    private long _sequence;
    private int _frames;

    public List<ListenSpec> Expected { get; } = [];
    public int Frames => Volatile.Read(ref _frames);
    public bool Disposed { get; private set; }

    public void Start(Action<ConversationEvent> post, DateTimeOffset streamStartedAt) => _post = post;

    public void PushAudio(ReadOnlySpan<byte> mulaw, long timestampMs) => Interlocked.Increment(ref _frames);

    public void Expect(ListenSpec listen) { lock (Expected) Expected.Add(listen); }

    public long StartSpeaking()
    {
        var sequence = Interlocked.Increment(ref _sequence);
        _post!(new PayerStartedSpeaking(sequence));
        return sequence;
    }

    public void FinishSpeaking(long sequence, string text, double confidence = 0.9)
    {
        _post!(new PayerStoppedSpeaking(sequence, DateTimeOffset.UtcNow));
        _post!(new FinalTranscript(text, confidence, []));
    }

    public void Say(string text, double confidence = 0.9) => FinishSpeaking(StartSpeaking(), text, confidence);

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}

internal sealed class ScriptedSpeechListenerFactory : ISpeechListenerFactory
{
    public List<ScriptedSpeechListener> Created { get; } = [];

    public ISpeechListener Create()
    {
        var listener = new ScriptedSpeechListener();
        lock (Created) Created.Add(listener);
        return listener;
    }
}
