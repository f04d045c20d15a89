namespace CollectIq.Agent.Understanding;

/// <summary>Turns a recognized utterance into an intent and facts. Rules by default; an LLM could sit behind it.</summary>
public interface IUtteranceUnderstander
{
    /// <param name="text">The recognizer's best hypothesis.</param>
    /// <param name="recognizerConfidence">0..1 from the recognizer.</param>
    /// <param name="alternatives">Other hypotheses (n-best), best first; may be empty.</param>
    /// <param name="today">The payer's local date, for relative dates.</param>
    /// <param name="pastDates">True when the question is about the past ("when did you pay?").</param>
    UtteranceMeaning Understand(string text, double recognizerConfidence, IReadOnlyList<string> alternatives, DateOnly today, bool pastDates = false);
}
