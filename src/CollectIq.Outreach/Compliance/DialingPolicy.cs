namespace CollectIq.Outreach.Compliance;

/// <summary>
/// All calling rules together. <see cref="Evaluate"/> returns the first refusal (rules run cheapest first),
/// <see cref="EvaluateAll"/> every verdict (for the operator's "why not?").
/// </summary>
public sealed class DialingPolicy(IEnumerable<IDialingRule> rules)
{
    public const string PolicyName = "dialing-policy";

    public IReadOnlyList<IDialingRule> Rules { get; } = rules.ToArray();

    public RuleVerdict Evaluate(DialingCandidate candidate, DateTimeOffset now)
    {
        foreach (var rule in Rules)
        {
            var verdict = rule.Evaluate(candidate, now);
            if (!verdict.Allowed) return verdict;
        }
        return RuleVerdict.Allow(PolicyName);
    }

    public IReadOnlyList<RuleVerdict> EvaluateAll(DialingCandidate candidate, DateTimeOffset now) =>
        Rules.Select(r => r.Evaluate(candidate, now)).ToList();

    /// <summary>The standard rule set, in the order a refusal is most likely and cheapest to find.</summary>
    public static DialingPolicy CreateDefault(OutreachOptions options) => new(
    [
        new OptOutRule(),
        new WrongNumberRule(),
        new CallInProgressRule(),
        new OpenDisputeRule(),
        new DunningStageRule(options),
        new PendingPromiseRule(options.Outcomes.PromiseGraceDays),
        new PaymentClaimRule(),
        new ScheduledCallbackRule(),
        new RecentConversationRule(options),
        new FrequencyCapRule(options),
        new CallingWindowRule(options),
    ]);
}
