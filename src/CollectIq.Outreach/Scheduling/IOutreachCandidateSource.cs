using CollectIq.Outreach.Compliance;

namespace CollectIq.Outreach.Scheduling;

/// <summary>
/// Loads what the rules need, once per pass (implemented by the data layer on CollectIqDbContext).
/// Candidates should be every payer with an open balance; the rules decide who is due.
/// </summary>
public interface IOutreachCandidateSource
{
    Task<IReadOnlyList<DialingCandidate>> GetCandidatesAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>One payer, fresh, right before dialing; null when the payer no longer exists.</summary>
    Task<DialingCandidate?> GetCandidateAsync(int payerId, DateTimeOffset now, CancellationToken cancellationToken = default);
}
