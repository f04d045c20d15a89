namespace CollectIq.Agent.Dialog;

/// <summary>What happened on the line, as the dialog sees it.</summary>
public abstract record DialogInput;

/// <summary>
/// A final recognition: best text, recognizer confidence 0..1, n-best alternatives (best first), and
/// optionally a second opinion on the intent (LLM) that the dialog merges with its rules.
/// </summary>
public sealed record PayerSaid(string Text, double Confidence, IReadOnlyList<string>? Alternatives = null, Understanding.Llm.IntentHint? Hint = null) : DialogInput;

/// <summary>A keypad digit 0-9, * or #.</summary>
public sealed record KeyPressed(char Digit) : DialogInput;

/// <summary>The payer said nothing for the silence timeout after the agent stopped talking.</summary>
public sealed record SilenceTimedOut : DialogInput;

/// <summary>The payer hung up (or the stream ended).</summary>
public sealed record PayerHungUp : DialogInput;

/// <summary>The payer talked over an agent utterance; <paramref name="Tag"/> is the <see cref="SayAction.Tag"/> of the cut utterance.</summary>
public sealed record AgentInterrupted(string? Tag, string HeardText, bool FullyHeard) : DialogInput;
