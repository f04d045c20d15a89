namespace CollectIq.Domain.Calls;

/// <summary>What the call achieved. Wire names are snake_case (<see cref="CallOutcomeNames"/>).</summary>
public enum CallOutcome
{
    PromiseToPay = 1,
    PartialPayment = 2,
    AlreadyPaid = 3,
    Dispute = 4,
    Callback = 5,
    PaymentLink = 6,
    WrongParty = 7,
    OptOut = 8,
    Voicemail = 9,
    NoContact = 10,
    Unknown = 11,
}

public static class CallOutcomeNames
{
    public static string ToWire(this CallOutcome outcome) => outcome switch
    {
        CallOutcome.PromiseToPay => "promise_to_pay",
        CallOutcome.PartialPayment => "partial_payment",
        CallOutcome.AlreadyPaid => "already_paid",
        CallOutcome.Dispute => "dispute",
        CallOutcome.Callback => "callback",
        CallOutcome.PaymentLink => "payment_link",
        CallOutcome.WrongParty => "wrong_party",
        CallOutcome.OptOut => "opt_out",
        CallOutcome.Voicemail => "voicemail",
        CallOutcome.NoContact => "no_contact",
        _ => "unknown",
    };

    public static bool TryParse(string? text, out CallOutcome outcome)
    {
        foreach (var value in Enum.GetValues<CallOutcome>())
        {
            if (string.Equals(value.ToWire(), text, StringComparison.OrdinalIgnoreCase)) { outcome = value; return true; }
        }
        outcome = CallOutcome.Unknown;
        return false;
    }
}
