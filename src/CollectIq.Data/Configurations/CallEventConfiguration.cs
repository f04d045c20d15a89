using CollectIq.Domain.Calls;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollectIq.Data.Configurations;

internal sealed class CallEventConfiguration : IEntityTypeConfiguration<CallEvent>
{
    public void Configure(EntityTypeBuilder<CallEvent> callEvent)
    {
        callEvent.ToTable("call_events");
        callEvent.Property(e => e.Type).HasMaxLength(32);
        callEvent.Property(e => e.Detail).HasMaxLength(2000);
        callEvent.HasIndex(e => new { e.CallId, e.At });
    }
}
