using CollectIq.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollectIq.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("audit_entries");
        entry.Property(a => a.Action).HasMaxLength(32);
        entry.Property(a => a.Reason).HasMaxLength(1000);
        entry.Property(a => a.Actor).HasMaxLength(100);
        // Audit rows outlive the calls and payers they mention: plain columns, no cascading foreign keys.
        entry.HasIndex(a => a.At);
        entry.HasIndex(a => new { a.PayerId, a.At });
    }
}
