namespace CollectIq.Agent.Dialog;

/// <summary>
/// The conversation's brain: one instance per call, fed one input at a time (not thread-safe; the
/// conversation engine calls it from its single loop). The deterministic <see cref="CollectionsDialog"/>
/// is the default; an LLM dialog must keep the same contract and the same regulated wording.
/// </summary>
public interface ICollectionsDialog
{
    DialogState State { get; }

    /// <summary>How to listen now (grammar for the recognizer, keypad, endpointer patience).</summary>
    ListenSpec Listen { get; }

    /// <summary>The opening: greeting and right-party question.</summary>
    DialogResponse Start();

    DialogResponse Handle(DialogInput input);
}
