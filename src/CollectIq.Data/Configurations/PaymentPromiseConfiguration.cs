using CollectIq.Domain.Calls;
using CollectIq.Domain.Payers;
using CollectIq.Domain.Promises;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollectIq.Data.Configurations;

internal sealed class PaymentPromiseConfiguration : IEntityTypeConfiguration<PaymentPromise>
{
    public void Configure(EntityTypeBuilder<PaymentPromise> promise)
    {
        promise.ToTable("payment_promises");
        promise.HasOne<Payer>().WithMany().HasForeignKey(p => p.PayerId).OnDelete(DeleteBehavior.Cascade);
        promise.HasOne<Call>().WithMany().HasForeignKey(p => p.CallId).OnDelete(DeleteBehavior.SetNull);
        promise.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
        promise.Property(p => p.State).HasConversion<string>().HasMaxLength(16);
        promise.HasIndex(p => new { p.PayerId, p.PromisedDate });
    }
}
