namespace CollectIq.Outreach.Compliance;

/// <summary>
/// A payer who says they already paid is not dunned while we verify it: no call until the claim's hold ends
/// (Outreach:Outcomes:PaidVerificationBusinessDays business days, payer's calendar).
/// </summary>
public sealed class PaymentClaimRule : IDialingRule
{
    public const string RuleName = "payment-claimed";
    public string Name => RuleName;

    public RuleVerdict Evaluate(DialingCandidate candidate, DateTimeOffset now) =>
        candidate.PaymentClaimHoldUntil is { } until && until > now
            ? RuleVerdict.Refuse(Name, $"The payer says they already paid; we verify it before calling again (until {until.ToOffset(TimeSpan.Zero):yyyy-MM-dd HH:mm} UTC).", until)
            : RuleVerdict.Allow(Name);
}
