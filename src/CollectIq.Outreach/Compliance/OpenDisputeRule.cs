namespace CollectIq.Outreach.Compliance;

/// <summary>While the payer disputes the debt we stop collection calls until the dispute is resolved.</summary>
public sealed class OpenDisputeRule : IDialingRule
{
    public const string RuleName = "open-dispute";
    public string Name => RuleName;

    public RuleVerdict Evaluate(DialingCandidate candidate, DateTimeOffset now) =>
        candidate.HasOpenDispute
            ? RuleVerdict.Refuse(Name, "The payer has an open dispute; no collection calls until it is resolved.")
            : RuleVerdict.Allow(Name);
}
