namespace CollectIq.Outreach.Outcomes;

/// <summary>What a call's outcome does to the payer's outreach (section <c>Outreach:Outcomes</c>).</summary>
public sealed class OutcomeOptions
{
    /// <summary>Days after the promised date before an unpaid promise counts as broken (payments take a day to post). Default 1.</summary>
    public int PromiseGraceDays { get; set; } = 1;
    /// <summary>Business days (Mon–Fri, minus Outreach:CallingWindow:Holidays) we wait for a payment the payer says they made. Default 5.</summary>
    public int PaidVerificationBusinessDays { get; set; } = 5;
    /// <summary>Wrong-party answers on the same number before the number is flagged wrong and no longer dialed. Default 2.</summary>
    public int WrongPartyThreshold { get; set; } = 2;
    /// <summary>How often promises and payment claims whose hold ended are reviewed (kept/broken, verified/unverified). Default 5 minutes.</summary>
    public TimeSpan ReviewInterval { get; set; } = TimeSpan.FromMinutes(5);

    public IEnumerable<string> Validate()
    {
        if (PromiseGraceDays is < 0 or > 14) yield return $"Outreach:Outcomes:PromiseGraceDays must be 0..14, got {PromiseGraceDays}.";
        if (PaidVerificationBusinessDays is < 1 or > 30) yield return $"Outreach:Outcomes:PaidVerificationBusinessDays must be 1..30, got {PaidVerificationBusinessDays}.";
        if (WrongPartyThreshold is < 1 or > 10) yield return $"Outreach:Outcomes:WrongPartyThreshold must be 1..10, got {WrongPartyThreshold}.";
        if (ReviewInterval < TimeSpan.FromSeconds(1) || ReviewInterval > TimeSpan.FromDays(1))
            yield return $"Outreach:Outcomes:ReviewInterval must be between 00:00:01 and 1.00:00:00, got {ReviewInterval}.";
    }
}
