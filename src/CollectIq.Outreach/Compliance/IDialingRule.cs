namespace CollectIq.Outreach.Compliance;

/// <summary>
/// One calling rule (Regulation F, the payer's wishes, our own policy). Pure: everything it needs is on the
/// candidate and the instant, so it never touches the database and is safe to call 100,000 times a pass.
/// </summary>
public interface IDialingRule
{
    /// <summary>Short stable name shown in refusals and the audit log, e.g. "calling-window".</summary>
    string Name { get; }

    RuleVerdict Evaluate(DialingCandidate candidate, DateTimeOffset now);
}
