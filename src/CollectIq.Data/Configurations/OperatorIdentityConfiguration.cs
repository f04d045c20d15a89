using CollectIq.Data.Operators;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CollectIq.Data.Configurations;

/// <summary>Identity's tables under our snake_case names (the columns keep Identity's names).</summary>
internal static class OperatorIdentityConfiguration
{
    public static void Apply(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OperatorUser>(b =>
        {
            b.ToTable("operators");
            b.Property(u => u.DisplayName).HasMaxLength(100);
        });
        modelBuilder.Entity<IdentityUserClaim<string>>().ToTable("operator_claims");
        modelBuilder.Entity<IdentityUserLogin<string>>().ToTable("operator_logins");
        modelBuilder.Entity<IdentityUserToken<string>>().ToTable("operator_tokens");
    }
}
