namespace CollectIq.Outreach.Compliance;

/// <summary>
/// A number that reached someone other than the payer too often (Outreach:Outcomes:WrongPartyThreshold) is not dialed
/// again: every call would disclose to a stranger that we are looking for the payer. An operator stores a new number.
/// </summary>
public sealed class WrongNumberRule : IDialingRule
{
    public const string RuleName = "wrong-number";
    public string Name => RuleName;

    public RuleVerdict Evaluate(DialingCandidate candidate, DateTimeOffset now) =>
        candidate.Payer.WrongNumberAt is { } at
            ? RuleVerdict.Refuse(Name, $"The payer's number reached the wrong person {candidate.Payer.WrongPartyCount} times (flagged {at:yyyy-MM-dd}); an operator must store a new number.")
            : RuleVerdict.Allow(Name);
}
