using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CollectIq.Data.Seeding;

/// <summary>Fills an empty database with <see cref="DemoBook"/> once; never touches a database that holds payers.</summary>
public sealed partial class DemoSeeder(IDbContextFactory<CollectIqDbContext> contexts, TimeProvider time, ILogger<DemoSeeder> logger)
{
    /// <summary>Returns the number of payers added (0 when the book was not empty).</summary>
    public async Task<int> SeedIfEmptyAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Payers.AnyAsync(ct)) return 0;
        var now = time.GetUtcNow();
        var payers = DemoBook.Build(DateOnly.FromDateTime(now.UtcDateTime), now);
        db.Payers.AddRange(payers);
        await db.SaveChangesAsync(ct);
        LogSeeded(logger, payers.Count);
        return payers.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the demo book: {Count} payers (set Demo:Seed=false to start empty)")]
    private static partial void LogSeeded(ILogger logger, int count);
}
