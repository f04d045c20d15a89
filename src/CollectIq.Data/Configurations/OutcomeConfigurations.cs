using CollectIq.Domain.Calls;
using CollectIq.Domain.Outcomes;
using CollectIq.Domain.Payers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollectIq.Data.Configurations;

// The records a call's outcome leaves on the payer (docs/OUTREACH.md "Outcome effects"). Each row names the call it
// came from; the call's id is unique per kind, so recording the same outcome twice leaves one row.

internal sealed class DisputeConfiguration : IEntityTypeConfiguration<Dispute>
{
    public void Configure(EntityTypeBuilder<Dispute> dispute)
    {
        dispute.ToTable("disputes");
        dispute.HasOne<Payer>().WithMany().HasForeignKey(d => d.PayerId).OnDelete(DeleteBehavior.Cascade);
        dispute.HasOne<Call>().WithMany().HasForeignKey(d => d.CallId).OnDelete(DeleteBehavior.SetNull);
        dispute.Property(d => d.InvoiceNumber).HasMaxLength(64);
        dispute.Property(d => d.Reason).HasMaxLength(1000);
        dispute.Property(d => d.Resolution).HasMaxLength(1000);
        dispute.Property(d => d.ResolvedBy).HasMaxLength(100);
        dispute.Ignore(d => d.IsOpen);
        dispute.HasIndex(d => new { d.PayerId, d.ResolvedAt });
        dispute.HasIndex(d => d.CallId).IsUnique();
    }
}

internal sealed class PaymentClaimConfiguration : IEntityTypeConfiguration<PaymentClaim>
{
    public void Configure(EntityTypeBuilder<PaymentClaim> claim)
    {
        claim.ToTable("payment_claims");
        claim.HasOne<Payer>().WithMany().HasForeignKey(c => c.PayerId).OnDelete(DeleteBehavior.Cascade);
        claim.HasOne<Call>().WithMany().HasForeignKey(c => c.CallId).OnDelete(DeleteBehavior.SetNull);
        claim.Property(c => c.Reference).HasMaxLength(100);
        claim.Property(c => c.Currency).HasMaxLength(3).IsFixedLength();
        claim.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
        claim.HasIndex(c => new { c.State, c.HoldUntil });
        claim.HasIndex(c => c.PayerId);
        claim.HasIndex(c => c.CallId).IsUnique();
    }
}

internal sealed class PaymentLinkRequestConfiguration : IEntityTypeConfiguration<PaymentLinkRequest>
{
    public void Configure(EntityTypeBuilder<PaymentLinkRequest> link)
    {
        link.ToTable("payment_link_requests");
        link.HasOne<Payer>().WithMany().HasForeignKey(l => l.PayerId).OnDelete(DeleteBehavior.Cascade);
        link.HasOne<Call>().WithMany().HasForeignKey(l => l.CallId).OnDelete(DeleteBehavior.SetNull);
        link.Property(l => l.Currency).HasMaxLength(3).IsFixedLength();
        link.Property(l => l.State).HasConversion<string>().HasMaxLength(16);
        link.Property(l => l.SentBy).HasMaxLength(100);
        link.HasIndex(l => new { l.State, l.RequestedAt });
        link.HasIndex(l => l.PayerId);
        link.HasIndex(l => l.CallId).IsUnique();
    }
}

internal sealed class CallbackRequestConfiguration : IEntityTypeConfiguration<CallbackRequest>
{
    public void Configure(EntityTypeBuilder<CallbackRequest> callback)
    {
        callback.ToTable("callback_requests");
        callback.HasOne<Payer>().WithMany().HasForeignKey(c => c.PayerId).OnDelete(DeleteBehavior.Cascade);
        callback.HasOne<Call>().WithMany().HasForeignKey(c => c.CallId).OnDelete(DeleteBehavior.SetNull);
        callback.Property(c => c.Adjustment).HasMaxLength(400);
        callback.Property(c => c.Note).HasMaxLength(1000);
        callback.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
        callback.HasIndex(c => new { c.PayerId, c.State });
        callback.HasIndex(c => c.CallId).IsUnique();
    }
}
