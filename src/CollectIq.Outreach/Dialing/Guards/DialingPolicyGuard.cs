using CollectIq.Outreach.Compliance;
using CollectIq.Outreach.Scheduling;

namespace CollectIq.Outreach.Dialing.Guards;

/// <summary>
/// Every dial, manual or scheduled, passes the full dialing policy (calling window in the payer's zones, Regulation F
/// frequency and quiet period, dispute, pending promise, calling stage…): a refusal names the rule.
/// </summary>
public sealed class DialingPolicyGuard(IOutreachCandidateSource candidates, DialingPolicy policy) : IOutreachGuard
{
    public async ValueTask<OutreachRefusal?> CheckAsync(OutreachContext context, CancellationToken cancellationToken)
    {
        var candidate = await candidates.GetCandidateAsync(context.Standing.Payer.Id, context.Now, cancellationToken);
        if (candidate is null) return null; // the service reports a missing payer itself
        // The callback the payer asked for carries their consent (quiet period waived); nothing else does.
        if (context.RequestedBy == Outcomes.CallbackCallJob.Requester) candidate = candidate with { DialingForCallback = true };
        var verdict = policy.Evaluate(candidate, context.Now);
        return verdict.Allowed ? null : new OutreachRefusal(verdict.RuleName, verdict.Reason);
    }
}
