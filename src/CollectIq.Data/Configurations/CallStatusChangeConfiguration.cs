using CollectIq.Domain.Calls;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollectIq.Data.Configurations;

internal sealed class CallStatusChangeConfiguration : IEntityTypeConfiguration<CallStatusChange>
{
    public void Configure(EntityTypeBuilder<CallStatusChange> change)
    {
        change.ToTable("call_status_changes");
        change.Property(s => s.Status).HasMaxLength(16);
        change.Property(s => s.Source).HasMaxLength(32);
        change.HasIndex(s => new { s.CallId, s.At });
    }
}
