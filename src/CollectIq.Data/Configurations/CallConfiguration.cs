using CollectIq.Domain.Calls;
using CollectIq.Domain.Payers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollectIq.Data.Configurations;

internal sealed class CallConfiguration : IEntityTypeConfiguration<Call>
{
    public void Configure(EntityTypeBuilder<Call> call)
    {
        call.ToTable("calls");
        call.HasOne<Payer>().WithMany().HasForeignKey(c => c.PayerId).OnDelete(DeleteBehavior.Cascade);
        call.Property(c => c.TwilioCallSid).HasMaxLength(64);
        call.Property(c => c.StreamSid).HasMaxLength(64);
        call.Property(c => c.Direction).HasConversion<string>().HasMaxLength(16);
        // Status only moves forward; as a concurrency token, two racing writers cannot both
        // "advance" from the same status (the loser re-reads and re-decides).
        call.Property(c => c.Status).HasMaxLength(16).IsConcurrencyToken();
        call.Property(c => c.RequestedBy).HasMaxLength(100);
        call.Property(c => c.AnsweredBy).HasMaxLength(32);
        call.Property(c => c.HangupCause).HasMaxLength(200);
        call.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(32);
        call.Property(c => c.OutcomeDetail).HasMaxLength(4000);
        call.Ignore(c => c.IsFinal);
        call.Ignore(c => c.IsTestCall);

        call.HasIndex(c => c.TwilioCallSid).IsUnique();
        call.HasIndex(c => new { c.PayerId, c.CreatedAt });
        call.HasIndex(c => c.Status);

        call.HasMany(c => c.StatusHistory).WithOne().HasForeignKey(s => s.CallId).OnDelete(DeleteBehavior.Cascade);
        call.HasMany(c => c.Transcript).WithOne().HasForeignKey(t => t.CallId).OnDelete(DeleteBehavior.Cascade);
        call.HasMany(c => c.Events).WithOne().HasForeignKey(e => e.CallId).OnDelete(DeleteBehavior.Cascade);
    }
}
