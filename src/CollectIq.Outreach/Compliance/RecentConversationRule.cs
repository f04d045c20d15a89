namespace CollectIq.Outreach.Compliance;

/// <summary>
/// Regulation F (12 CFR 1006.14(b)(2)(i)(B)): no call within 7 consecutive days after a telephone conversation
/// with the payer; the day of the conversation is the first of those days (payer's calendar). A callback the payer
/// asked for is exempt (consent given directly, 1006.14(b)(3)(i)).
/// </summary>
public sealed class RecentConversationRule(OutreachOptions options) : IDialingRule
{
    public const string RuleName = "recent-conversation";
    private readonly int _days = options.Frequency.QuietDaysAfterConversation;

    public string Name => RuleName;

    public RuleVerdict Evaluate(DialingCandidate candidate, DateTimeOffset now)
    {
        DateTimeOffset? last = null;
        foreach (var attempt in candidate.RecentAttempts)
        {
            if (attempt.RightPartyConversation && attempt.At <= now && (last is null || attempt.At > last)) last = attempt.At;
        }
        if (last is null || _days <= 0 || candidate.DialingForCallback) return RuleVerdict.Allow(Name);

        var zone = candidate.TimeZones[0];
        var conversationDay = LocalClock.LocalDate(zone, last.Value);
        var firstFreeDay = conversationDay.AddDays(_days);
        if (LocalClock.LocalDate(zone, now) >= firstFreeDay) return RuleVerdict.Allow(Name);
        return RuleVerdict.Refuse(Name,
            $"We spoke with the payer on {conversationDay:yyyy-MM-dd}; no call for {_days} days (until {firstFreeDay:yyyy-MM-dd}, payer's time).",
            LocalClock.StartOfDay(zone, firstFreeDay));
    }
}
