namespace CollectIq.Agent.Dialog;

/// <summary>
/// A dialog that can be taken back to an earlier point. The engine uses it to merge a split answer
/// ("Yes," + "speaking."): it takes a checkpoint before each spoken answer and, when the payer goes on
/// within a moment, restores it and hands the dialog the whole answer once. Only dialogs whose turns
/// have no side effects beyond their <see cref="DialogResponse"/> may implement it (not the LLM brain).
/// </summary>
public interface IRevertibleDialog
{
    /// <summary>An opaque snapshot of everything the dialog knows now.</summary>
    object Checkpoint();

    /// <summary>Back to <paramref name="checkpoint"/> (from <see cref="Checkpoint"/> on this instance).</summary>
    void Restore(object checkpoint);
}
