namespace CollectIq.Agent.Understanding;

/// <summary>What the payer meant. <see cref="Unknown"/> is the safe default: nothing is ever recorded from it.</summary>
public enum Intent
{
    Unknown = 0,
    Yes,
    No,
    /// <summary>"speaking", "this is she", "that's me".</summary>
    RightParty,
    /// <summary>"wrong number", "he's not here", "no one by that name".</summary>
    WrongParty,
    /// <summary>"who is this?", "what is this about?"</summary>
    WhoIsCalling,
    PromiseToPay,
    AlreadyPaid,
    Dispute,
    Callback,
    PaymentLink,
    OptOut,
    DontKnow,
    Repeat,
}

/// <summary>
/// One utterance understood: the intent, the facts in it (slots), and a confidence 0..1 that
/// combines the recognizer's confidence with how strongly a rule matched.
/// </summary>
public sealed record UtteranceMeaning(
    Intent Intent,
    double Confidence,
    decimal? Amount = null,
    SpokenWhen? When = null,
    bool Partial = false,
    bool FullAmount = false,
    /// <summary>"hold on", "one second", "my wife handles the bills": not an answer, not a failure.</summary>
    bool Hold = false,
    /// <summary>"my wife handles the bills": not an answer; no second opinion may turn it into one.</summary>
    bool NotAnAnswer = false,
    /// <summary>Digits read out in the utterance ("ten oh one", "1 0 0 1") for invoice numbers and references.</summary>
    string? Digits = null,
    string Text = "");
