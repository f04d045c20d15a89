using CollectIq.Domain.Payers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollectIq.Data.Configurations;

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> invoice)
    {
        invoice.ToTable("invoices");
        invoice.Property(i => i.Number).HasMaxLength(64);
        invoice.Property(i => i.Currency).HasMaxLength(3).IsFixedLength();
        invoice.HasIndex(i => new { i.PayerId, i.Number }).IsUnique();
        // Stage queries look for open invoices by due date.
        invoice.HasIndex(i => new { i.DueDate, i.OpenAmount });
        invoice.Ignore(i => i.IsOpen);
    }
}
