using CollectIq.Data.Payers;
using CollectIq.Outreach;
using CollectIq.Outreach.Scheduling;
using Microsoft.Extensions.Options;

namespace CollectIq.Web.WebApp;

/// <summary>"Next scheduled call, or why none" for the worklist, for a page of payers at once.</summary>
public interface INextCallExplainer
{
    ValueTask<IReadOnlyDictionary<int, NextCallInfo>> ExplainAsync(IReadOnlyList<PayerStanding> standings, CancellationToken ct = default);
}

/// <param name="At">When the next call may happen (null: on the next pass, or never).</param>
/// <param name="Reason">Why no call is planned, or what the planned one is.</param>
public sealed record NextCallInfo(DateTimeOffset? At, string Reason);

/// <summary>
/// Asks the scheduler's planner what its next pass would do (<see cref="OutreachControl.PlanAsync"/>): a
/// planned payer is "due on the next pass", a skipped one shows the rule's reason and when it may be called.
/// </summary>
public sealed class PlannerNextCallExplainer(OutreachControl control, IOptions<OutreachOptions> options) : INextCallExplainer
{
    public async ValueTask<IReadOnlyDictionary<int, NextCallInfo>> ExplainAsync(IReadOnlyList<PayerStanding> standings, CancellationToken ct = default)
    {
        var plan = await control.PlanAsync(null, ct);
        var scheduler = options.Value.Enabled ? "" : " (scheduler off)";
        var result = new Dictionary<int, NextCallInfo>();
        foreach (var call in plan.Call)
            result[call.PayerId] = new NextCallInfo(null, $"Due on the next pass{scheduler}: attempt {call.Attempt}");
        foreach (var skip in plan.Skipped)
            result[skip.PayerId] = new NextCallInfo(skip.NextAllowedAt, skip.NextAllowedAt is null ? skip.Reason : $"{skip.Reason}{scheduler}");
        foreach (var standing in standings)
            result.TryAdd(standing.Payer.Id, new NextCallInfo(null, standing.Dunning.Stage is null ? "Nothing overdue" : "Not a scheduler candidate"));
        return result;
    }
}
