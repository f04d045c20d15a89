using CollectIq.Domain.Audit;
using CollectIq.Domain.Calls;
using CollectIq.Domain.Outcomes;
using CollectIq.Domain.Payers;
using CollectIq.Domain.Promises;
using CollectIq.Data.Configurations;
using CollectIq.Data.Operators;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CollectIq.Data;

/// <summary>
/// The CollectIQ database. The model lives here, one <see cref="IEntityTypeConfiguration{TEntity}"/> per entity;
/// each engine has a small derived context (<see cref="Providers.SqliteCollectIqDbContext"/>,
/// <see cref="Providers.PostgresCollectIqDbContext"/>) that owns its migrations and type conventions.
/// Resolve <c>IDbContextFactory&lt;CollectIqDbContext&gt;</c>; it creates the right one.
/// Operators (ASP.NET Core Identity users, claims, logins, tokens) share the database: one schema, one migration path.
/// </summary>
public abstract class CollectIqDbContext(DbContextOptions options) : IdentityUserContext<OperatorUser>(options)
{
    public DbSet<Payer> Payers => Set<Payer>();
    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<Call> Calls => Set<Call>();
    public DbSet<CallStatusChange> CallStatusChanges => Set<CallStatusChange>();
    public DbSet<TranscriptTurn> TranscriptTurns => Set<TranscriptTurn>();
    public DbSet<CallEvent> CallEvents => Set<CallEvent>();
    public DbSet<PaymentPromise> PaymentPromises => Set<PaymentPromise>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Dispute> Disputes => Set<Dispute>();
    public DbSet<PaymentClaim> PaymentClaims => Set<PaymentClaim>();
    public DbSet<PaymentLinkRequest> PaymentLinkRequests => Set<PaymentLinkRequest>();
    public DbSet<CallbackRequest> CallbackRequests => Set<CallbackRequest>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder); // Identity's model first, then ours (renames its tables)
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CollectIqDbContext).Assembly);
        OperatorIdentityConfiguration.Apply(modelBuilder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Money: exact, 4 decimal places covers every ISO 4217 minor unit.
        configurationBuilder.Properties<decimal>().HavePrecision(18, 4);
    }
}
