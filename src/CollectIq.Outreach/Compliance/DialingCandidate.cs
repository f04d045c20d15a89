using CollectIq.Domain.Dunning;
using CollectIq.Domain.Payers;
using CollectIq.Domain.Phones;
using CollectIq.Domain.Promises;

namespace CollectIq.Outreach.Compliance;

/// <summary>
/// Everything the rules and the planner need to decide about one payer, loaded once per pass by an
/// <see cref="Scheduling.IOutreachCandidateSource"/>. Rules never query anything else.
/// </summary>
public sealed record DialingCandidate
{
    public required Payer Payer { get; init; }
    /// <summary>Stage, days past due and balance at the pass instant (Domain's DunningCalculator).</summary>
    public required DunningSnapshot Dunning { get; init; }
    /// <summary>Call attempts of at least the last 8 days (the frequency and conversation rules look back 7), any order.</summary>
    public IReadOnlyList<CallAttempt> RecentAttempts { get; init; } = [];
    public IReadOnlyList<PaymentPromise> Promises { get; init; } = [];
    public bool HasOpenDispute { get; init; }
    /// <summary>A call to this payer is queued, ringing or in progress right now.</summary>
    public bool CallInProgress { get; init; }
    /// <summary>End of the hold of the payer's latest pending "already paid" claim, if any.</summary>
    public DateTimeOffset? PaymentClaimHoldUntil { get; init; }
    /// <summary>When the payer's scheduled callback will be placed, if one is pending.</summary>
    public DateTimeOffset? ScheduledCallbackAt { get; init; }
    /// <summary>
    /// True when this dial is the callback the payer asked for: their consent, given directly, exempts it from the
    /// quiet period after a conversation (Reg F 12 CFR 1006.14(b)(3)(i)); every other rule still applies.
    /// </summary>
    public bool DialingForCallback { get; init; }

    private IReadOnlyList<TimeZoneInfo>? _zones;

    /// <summary>
    /// The payer's stored IANA zone, else every zone of the phone number (libphonenumber); computed once.
    /// A source may set it when it already knows the zones (saves the phone-number lookup).
    /// </summary>
    public IReadOnlyList<TimeZoneInfo> TimeZones
    {
        get => _zones ??= PayerTimeZones.All(Payer);
        init => _zones = value;
    }

    public int PayerId => Payer.Id;
}
