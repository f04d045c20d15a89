namespace CollectIq.Agent.Dialog;

/// <summary>
/// Say sentences as they are produced (an LLM reply streaming in): the engine speaks the first
/// sentence while the rest is still being generated. Always interruptible: barge-in stops reading
/// <paramref name="Sentences"/> and the dialog is told through <see cref="AgentInterrupted"/> with
/// <paramref name="Tag"/> (so it can cancel the generation).
/// </summary>
/// <param name="Sentences">Complete sentences, already checked by the dialog; ends when the reply is done.</param>
/// <param name="Completion">
/// What the dialog wants handed back to <see cref="ICollectionsDialog.Handle"/> (on the engine's loop)
/// once the reply is over — tool calls to act on, or a failure to fall back from; null for nothing.
/// </param>
public sealed record StreamedSayAction(IAsyncEnumerable<string> Sentences, Task<DialogInput?> Completion, string Tag) : DialogAction;
