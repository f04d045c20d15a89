namespace CollectIq.Outreach.Compliance;

/// <summary>A payer who asked us to stop calling is never called until an operator clears it.</summary>
public sealed class OptOutRule : IDialingRule
{
    public const string RuleName = "opted-out";
    public string Name => RuleName;

    public RuleVerdict Evaluate(DialingCandidate candidate, DateTimeOffset now) =>
        candidate.Payer.OptedOutAt is { } at
            ? RuleVerdict.Refuse(Name, $"The payer asked not to be called (opted out on {at:yyyy-MM-dd}); an operator must clear the opt-out first.")
            : RuleVerdict.Allow(Name);
}
