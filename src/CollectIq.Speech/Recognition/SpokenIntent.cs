namespace CollectIq.Speech.Recognition;

/// <summary>What a recognized answer means for the collections dialog.</summary>
public enum SpokenIntent
{
    /// <summary>Nothing usable: out-of-domain speech, noise, or too low confidence. Never a promise.</summary>
    Unknown = 0,
    Yes,
    No,
    IdentityConfirmed,
    WrongNumber,
    NotAvailable,
    WhoIsCalling,
    PayNow,
    PromiseToPay,
    AlreadyPaid,
    Dispute,
    Callback,
    StopCalling,
    PaymentLink,
    CannotPay,
    /// <summary>Only an amount was said (Amount state).</summary>
    AmountGiven,
    /// <summary>Only a date was said (Date state).</summary>
    DateGiven,
}

/// <summary>The meaning of one answer: intent plus the amount (whole dollars and cents) and date where said.</summary>
public sealed record SpokenAnswer(SpokenIntent Intent, decimal? Amount = null, string? Date = null)
{
    public static readonly SpokenAnswer Unknown = new(SpokenIntent.Unknown);
}
