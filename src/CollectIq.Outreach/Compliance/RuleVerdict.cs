namespace CollectIq.Outreach.Compliance;

/// <summary>
/// A rule's answer. <see cref="Reason"/> is written for an operator ("Outside the calling window: 07:59 in
/// America/New_York; calls are allowed 08:00–21:00."); <see cref="NextAllowedAt"/>, when the rule knows it,
/// is the first instant the rule would allow the call, so retries can be planned instead of polled.
/// </summary>
public sealed record RuleVerdict(bool Allowed, string RuleName, string Reason, DateTimeOffset? NextAllowedAt = null)
{
    public static RuleVerdict Allow(string ruleName) => new(true, ruleName, "allowed");

    public static RuleVerdict Refuse(string ruleName, string reason, DateTimeOffset? nextAllowedAt = null) =>
        new(false, ruleName, reason, nextAllowedAt);

    public override string ToString() => Allowed ? $"{RuleName}: allowed" : $"{RuleName}: {Reason}";
}
