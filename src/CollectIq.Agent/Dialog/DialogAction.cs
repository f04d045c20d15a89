using CollectIq.Agent.Understanding;
using CollectIq.Domain.Calls;
using CollectIq.Speech.Recognition;

namespace CollectIq.Agent.Dialog;

/// <summary>What the dialog wants done, in order.</summary>
public abstract record DialogAction;

/// <summary>
/// Say this. <paramref name="Interruptible"/> false means barge-in does not cut it (the closing
/// goodbye). <paramref name="Tag"/> names regulated texts ("disclosure") so the engine can report
/// back when one was cut before it was heard, and the dialog says it again.
/// </summary>
public sealed record SayAction(string Text, bool Interruptible = true, string? Tag = null) : DialogAction
{
    /// <summary>
    /// A keypress does not cut this text: the engine holds keys pressed while it plays and hands them to the
    /// dialog, in order, once it has been heard in full (the disclosure; speech still barges in).
    /// </summary>
    public bool HoldsKeys { get; init; }
}

/// <summary>Store the call's outcome now (as it happens, not at the end).</summary>
public sealed record RecordOutcomeAction(CallOutcome Outcome, OutcomeDetail Detail) : DialogAction;

/// <summary>The payer asked us to stop calling: stop all future outreach at once.</summary>
public sealed record OptOutAction : DialogAction;

/// <summary>End the call once everything said before it has played (use a mark).</summary>
public sealed record EndCallAction(string Reason) : DialogAction;

/// <summary>How the agent listens next: the recognizer grammar, keypad or voice, and endpointing patience.</summary>
public sealed record ListenSpec(
    ExpectedAnswer Expected,
    InputMode Mode,
    /// <summary>The payer is mid-number or mid-date: the endpointer should wait longer before calling the turn over.</summary>
    bool ExpectsNumberOrDate,
    /// <summary>Keypad entry of several digits ends with '#'.</summary>
    bool MultiDigitKeypad = false)
{
    public static readonly ListenSpec None = new(ExpectedAnswer.Open, InputMode.None, false);
}

public enum InputMode
{
    /// <summary>The call is ending: nothing to listen for.</summary>
    None = 0,
    /// <summary>Voice first; keypad digits are still accepted.</summary>
    Voice,
    /// <summary>The dialog asked for the keypad after failed recognitions; clear voice answers are still accepted.</summary>
    Keypad,
}

/// <summary>The dialog's answer to one input.</summary>
public sealed record DialogResponse(IReadOnlyList<DialogAction> Actions, ListenSpec Listen, DialogState State)
{
    public IEnumerable<string> SaidTexts => Actions.OfType<SayAction>().Select(a => a.Text);
    public bool EndsCall => Actions.OfType<EndCallAction>().Any();
}
