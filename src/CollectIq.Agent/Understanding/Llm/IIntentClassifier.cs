using CollectIq.Speech.Recognition;

namespace CollectIq.Agent.Understanding.Llm;

/// <summary>A second opinion on the payer's intent (an LLM), merged with the rules by the dialog.</summary>
public sealed record IntentHint(Intent Intent, double Confidence);

/// <summary>
/// Classifies an utterance into one of the fixed <see cref="Intent"/>s. It never words anything
/// the agent says (the regulated texts stay fixed) and never resolves amounts or dates (the rules
/// do, against the payer's clock). Returns null when it cannot answer in time; the rules decide then.
/// </summary>
public interface IIntentClassifier
{
    Task<IntentHint?> ClassifyAsync(string text, ExpectedAnswer expected, CancellationToken cancellationToken);
}
