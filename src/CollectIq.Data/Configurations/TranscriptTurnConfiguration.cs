using CollectIq.Domain.Calls;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollectIq.Data.Configurations;

internal sealed class TranscriptTurnConfiguration : IEntityTypeConfiguration<TranscriptTurn>
{
    public void Configure(EntityTypeBuilder<TranscriptTurn> turn)
    {
        turn.ToTable("transcript_turns");
        turn.Property(t => t.Speaker).HasConversion<string>().HasMaxLength(16);
        turn.Property(t => t.Text).HasMaxLength(4000);
        turn.Property(t => t.HeardText).HasMaxLength(4000);
        turn.HasIndex(t => new { t.CallId, t.AtMs });
    }
}
