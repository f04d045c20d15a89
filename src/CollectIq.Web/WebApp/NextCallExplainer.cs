using CollectIq.Data.Payers;
using CollectIq.Domain.Dunning;

namespace CollectIq.Web.WebApp;

/// <summary>
/// "Next scheduled call, or why none" for the worklist. The scheduler (Outreach/Planning) replaces the
/// default by registering its own implementation (last registration wins).
/// </summary>
public interface INextCallExplainer
{
    ValueTask<NextCallInfo> ExplainAsync(PayerStanding standing, CancellationToken ct = default);
}

/// <param name="At">When the next call is planned, or null.</param>
/// <param name="Reason">Why no call is planned (or a note about the planned one).</param>
public sealed record NextCallInfo(DateTimeOffset? At, string Reason);

/// <summary>Until the scheduler lands: the reasons we can already tell without it.</summary>
public sealed class DefaultNextCallExplainer : INextCallExplainer
{
    public ValueTask<NextCallInfo> ExplainAsync(PayerStanding standing, CancellationToken ct = default) =>
        ValueTask.FromResult(standing switch
        {
            { Payer.OptedOutAt: not null } => new NextCallInfo(null, "Opted out"),
            { Dunning.Stage: null } => new NextCallInfo(null, "Nothing overdue"),
            { Dunning.Stage: not DunningStage.Stage3 } => new NextCallInfo(null, $"{standing.Dunning.Stage!.Value.ToWire()}: calls start at STAGE_3"),
            _ => new NextCallInfo(null, "No scheduler running: use Send Outreach"),
        });
}
