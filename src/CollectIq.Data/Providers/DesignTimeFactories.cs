using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CollectIq.Data.Providers;

// Used only by `dotnet ef migrations add … --context …` (see docs/ARCHITECTURE.md). The connection
// strings are placeholders: generating migrations never connects.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCollectIqDbContext>
{
    public SqliteCollectIqDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCollectIqDbContext>
{
    public PostgresCollectIqDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder().UseNpgsql("Host=localhost;Database=collectiq_design").Options);
}
