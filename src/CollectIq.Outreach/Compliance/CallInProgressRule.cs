namespace CollectIq.Outreach.Compliance;

/// <summary>Never a second call while one to the same payer is queued, ringing or live.</summary>
public sealed class CallInProgressRule : IDialingRule
{
    public const string RuleName = "call-in-progress";
    public string Name => RuleName;

    public RuleVerdict Evaluate(DialingCandidate candidate, DateTimeOffset now) =>
        candidate.CallInProgress
            ? RuleVerdict.Refuse(Name, "A call to this payer is already in progress.")
            : RuleVerdict.Allow(Name);
}
