using CollectIq.Domain.Payers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollectIq.Data.Configurations;

internal sealed class PayerConfiguration : IEntityTypeConfiguration<Payer>
{
    public void Configure(EntityTypeBuilder<Payer> payer)
    {
        payer.ToTable("payers");
        payer.Property(p => p.Name).HasMaxLength(200);
        payer.Property(p => p.ContactName).HasMaxLength(200);
        payer.Property(p => p.ContactPhone).HasMaxLength(20);
        payer.Property(p => p.TimeZone).HasMaxLength(64);
        payer.Property(p => p.Language).HasMaxLength(16);
        payer.HasMany(p => p.Invoices).WithOne().HasForeignKey(i => i.PayerId).OnDelete(DeleteBehavior.Cascade);
        payer.HasIndex(p => p.Name);
        payer.HasIndex(p => p.ContactPhone);
    }
}
