using CollectIq.Data.Payers;
using CollectIq.Domain.Calls;

namespace CollectIq.Outreach.Dialing;

/// <summary>
/// One rule that may forbid calling a payer right now (stage, opt-out, a call in progress; the
/// compliance issue adds calling hours, frequency caps…). Guards run in registration order and the
/// first refusal wins; register more with <see cref="OutreachServiceCollectionExtensions.AddOutreachGuard{TGuard}"/>.
/// </summary>
public interface IOutreachGuard
{
    ValueTask<OutreachRefusal?> CheckAsync(OutreachContext context, CancellationToken cancellationToken);
}

/// <summary>What a guard sees: the payer with its standing, its unfinished call (if any), who asks, and when.</summary>
public sealed record OutreachContext(PayerStanding Standing, Call? ActiveCall, string RequestedBy, DateTimeOffset Now);

/// <summary>Why not: a stable <paramref name="Code"/> for programs and a <paramref name="Reason"/> for people (no phone numbers, no balances).</summary>
public sealed record OutreachRefusal(string Code, string Reason);
