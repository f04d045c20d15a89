namespace CollectIq.Agent.Dialog;

public sealed partial class CollectionsDialog : IRevertibleDialog
{
    // Every mutable field; a new field must be added here too (a test restores after each kind of turn).
    private sealed record Snapshot(
        DialogState State, string Keypad, int Failures, int Silences, bool RightPartyConfirmed, bool DisclosureNeedsRepeat,
        bool BareNoAtIdentity, bool OutcomeRecorded, DialogState StateBeforeOptOutConfirm,
        decimal? Amount, DateOnly? Date, string? Reference, string? Invoice, string? Reason, DateTimeOffset? CallbackAt);

    public object Checkpoint() => new Snapshot(
        State, _keypad.ToString(), _failures, _silences, _rightPartyConfirmed, _disclosureNeedsRepeat,
        _bareNoAtIdentity, _outcomeRecorded, _stateBeforeOptOutConfirm,
        _amount, _date, _reference, _invoice, _reason, _callbackAt);

    public void Restore(object checkpoint)
    {
        if (checkpoint is not Snapshot s) throw new ArgumentException("Not a checkpoint of this dialog.", nameof(checkpoint));
        State = s.State;
        _keypad.Clear().Append(s.Keypad);
        _failures = s.Failures;
        _silences = s.Silences;
        _rightPartyConfirmed = s.RightPartyConfirmed;
        _disclosureNeedsRepeat = s.DisclosureNeedsRepeat;
        _bareNoAtIdentity = s.BareNoAtIdentity;
        _outcomeRecorded = s.OutcomeRecorded;
        _stateBeforeOptOutConfirm = s.StateBeforeOptOutConfirm;
        _amount = s.Amount;
        _date = s.Date;
        _reference = s.Reference;
        _invoice = s.Invoice;
        _reason = s.Reason;
        _callbackAt = s.CallbackAt;
        _actions.Clear();
    }
}
