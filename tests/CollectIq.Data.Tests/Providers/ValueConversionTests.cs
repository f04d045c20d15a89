using CollectIq.Data.Tests.Infrastructure;
using CollectIq.Domain.Calls;
using Microsoft.EntityFrameworkCore;

namespace CollectIq.Data.Tests.Providers;

/// <summary>SQLite has no decimal or timestamp type: sorting and filtering must still behave as on PostgreSQL.</summary>
public sealed class ValueConversionTests
{
    [Theory, SqliteEngine, PostgresEngine]
    public async Task DateTimeOffset_DifferentOffsets_SortAndFilterAsInstants(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var payerId = await db.AddPayerAsync(Books.Payer("Acme"));
        var utcNoon = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
        // As text these sort noon < early < late; as instants early (09:00Z) < noon < late (01:00Z next day).
        var late = await db.AddCallAsync(payerId, new DateTimeOffset(2025, 3, 1, 20, 0, 0, TimeSpan.FromHours(-5)));
        var noon = await db.AddCallAsync(payerId, utcNoon);
        var early = await db.AddCallAsync(payerId, new DateTimeOffset(2025, 3, 1, 18, 0, 0, TimeSpan.FromHours(9)));

        await using var context = await db.Contexts.CreateDbContextAsync();
        var ordered = await context.Calls.OrderBy(c => c.CreatedAt).Select(c => c.Id).ToListAsync();
        var afterNoon = await context.Calls.Where(c => c.CreatedAt > utcNoon).Select(c => c.Id).ToListAsync();
        var stored = await context.Calls.SingleAsync(c => c.Id == early);

        Assert.Equal([early, noon, late], ordered);
        Assert.Equal([late], afterNoon);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero), stored.CreatedAt);
        Assert.Equal(TimeSpan.Zero, stored.CreatedAt.Offset);
    }

    [Theory, SqliteEngine, PostgresEngine]
    public async Task Decimal_Amounts_RoundTripExactlyAndCompareNumerically(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var due = new DateOnly(2025, 1, 1);
        await db.AddPayerAsync(Books.Payer("Acme", invoices: [("A", due, 9.99m), ("B", due, 10.5m), ("C", due, 1234567.8912m), ("D", due, 0.0001m)]));

        await using var context = await db.Contexts.CreateDbContextAsync();
        var ordered = await context.Invoices.OrderBy(i => i.OpenAmount).Select(i => i.Number).ToListAsync();
        var over10 = await context.Invoices.Where(i => i.OpenAmount > 10m).Select(i => i.Number).OrderBy(n => n).ToListAsync();
        var exact = await context.Invoices.Where(i => i.Number == "C").Select(i => i.OpenAmount).SingleAsync();

        Assert.Equal(["D", "A", "B", "C"], ordered);
        Assert.Equal(["B", "C"], over10);
        Assert.Equal(1234567.8912m, exact);
    }
}
