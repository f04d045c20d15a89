using CollectIq.Domain.Dunning;
using CollectIq.Domain.Payers;

namespace CollectIq.Data.Payers;

/// <summary>A payer with its invoices, what the dunning rules say about it now, and when we last reached out.</summary>
public sealed record PayerStanding(Payer Payer, DunningSnapshot Dunning, DateTimeOffset? LastOutreachAt);
