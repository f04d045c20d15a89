using CollectIq.Agent.Understanding;

namespace CollectIq.Agent.Dialog;

/// <summary>Creates the brain of one call (<c>Agent:Brain</c>: the deterministic state machine, or the LLM over it).</summary>
public interface ICollectionsDialogFactory
{
    /// <summary>Names the brain in start-up logs and settings ("deterministic", "llm (gpt-4o-mini)").</summary>
    string Name { get; }

    ICollectionsDialog Create(DialogContext context, int callId);
}

/// <summary>The default brain: <see cref="CollectionsDialog"/>, no LLM.</summary>
public sealed class DeterministicDialogFactory(IUtteranceUnderstander understander, TimeProvider time, DialogOptions options) : ICollectionsDialogFactory
{
    public string Name => "deterministic";

    public ICollectionsDialog Create(DialogContext context, int callId) => new CollectionsDialog(context, understander, time, options);
}
