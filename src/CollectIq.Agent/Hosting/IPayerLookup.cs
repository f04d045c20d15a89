using CollectIq.Domain.Payers;

namespace CollectIq.Agent.Hosting;

/// <summary>Port to the payer store (implemented by the host over the data layer, e.g. PayerBook.FindAsync).</summary>
public interface IPayerLookup
{
    /// <summary>The payer with all invoices, or null when unknown.</summary>
    Task<Payer?> FindAsync(int payerId, CancellationToken cancellationToken);
}
