namespace CollectIq.Outreach.Outcomes;

/// <summary>Audit actions written when an outcome changes the payer's record or a review follows up on it.</summary>
public static class OutcomeAuditActions
{
    public const string PromiseRecorded = "promise-recorded";
    public const string PromiseKept = "promise-kept";
    public const string PromiseBroken = "promise-broken";
    public const string PaymentClaimed = "payment-claimed";
    public const string PaymentVerified = "payment-verified";
    public const string PaymentUnverified = "payment-unverified";
    public const string DisputeOpened = "dispute-opened";
    public const string DisputeResolved = "dispute-resolved";
    public const string CallbackScheduled = "callback-scheduled";
    public const string CallbackMoved = "callback-moved";
    public const string CallbackRefused = "callback-refused";
    public const string CallbackCanceled = "callback-canceled";
    public const string PaymentLinkRequested = "payment-link-requested";
    public const string PaymentLinkSent = "payment-link-sent";
    public const string OptOut = "opt-out";
    public const string WrongParty = "wrong-party";
    public const string WrongNumber = "wrong-number";
    public const string PhoneChanged = "phone-changed";
    public const string OutcomeIncomplete = "outcome-incomplete";
    public const string CallReconciled = "call-reconciled";
}
