using CollectIq.Agent.Hosting;
using CollectIq.Data.Payers;
using CollectIq.Domain.Payers;

namespace CollectIq.Web.Agent;

/// <summary>The agent's payer port over <see cref="PayerBook"/> (payer with all invoices, oldest due first).</summary>
public sealed class PayerBookLookup(PayerBook book) : IPayerLookup
{
    public async Task<Payer?> FindAsync(int payerId, CancellationToken cancellationToken) =>
        (await book.FindAsync(payerId, cancellationToken).ConfigureAwait(false))?.Payer;
}
