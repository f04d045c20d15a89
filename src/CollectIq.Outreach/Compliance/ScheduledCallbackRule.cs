namespace CollectIq.Outreach.Compliance;

/// <summary>
/// A payer who asked to be called back at a time gets that call (its own one-shot job) and no other before it.
/// The callback job itself dials with <see cref="DialingCandidate.DialingForCallback"/> set, which this rule lets through.
/// </summary>
public sealed class ScheduledCallbackRule : IDialingRule
{
    public const string RuleName = "callback-scheduled";
    public string Name => RuleName;

    public RuleVerdict Evaluate(DialingCandidate candidate, DateTimeOffset now)
    {
        if (candidate.ScheduledCallbackAt is not { } at || candidate.DialingForCallback) return RuleVerdict.Allow(Name);
        return RuleVerdict.Refuse(Name,
            $"The payer asked to be called back; that call is scheduled for {at.ToOffset(TimeSpan.Zero):yyyy-MM-dd HH:mm} UTC and no other call is placed before it.",
            at > now ? at : null);
    }
}
