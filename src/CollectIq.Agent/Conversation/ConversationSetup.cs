using CollectIq.Agent.Dialog;
using CollectIq.Domain.Calls;
using CollectIq.Telephony.MediaStreams;

namespace CollectIq.Agent.Conversation;

/// <summary>Everything one call's <see cref="ConversationEngine"/> talks to.</summary>
public sealed record ConversationSetup(
    int CallId,
    int PayerId,
    DateTimeOffset StreamStartedAt,
    ICollectionsDialog Dialog,
    IAgentSynthesizer Synthesizer,
    IOutboundMedia Outbound,
    ICallRecorder Recorder)
{
    public IPayerOptOut? OptOut { get; init; }
    public ITurnMetricsSink? MetricsSink { get; init; }
    /// <summary>Optional second opinion on intents (LLM); asked off the loop, so barge-in is never delayed by it.</summary>
    public Understanding.Llm.IIntentClassifier? IntentClassifier { get; init; }
    /// <summary>Called with the dialog's listening needs after each reply (grammar, keypad, endpointer patience).</summary>
    public Action<ListenSpec>? OnListen { get; init; }
}
