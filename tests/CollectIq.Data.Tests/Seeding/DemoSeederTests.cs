using CollectIq.Data.Payers;
using CollectIq.Data.Seeding;
using CollectIq.Data.Tests.Infrastructure;
using CollectIq.Domain.Dunning;
using CollectIq.Domain.Phones;
using Phones = CollectIq.Domain.Phones.PhoneNumbers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace CollectIq.Data.Tests.Seeding;

public sealed class DemoSeederTests
{
    private static readonly DateTimeOffset Now = new(2025, 11, 3, 16, 0, 0, TimeSpan.Zero);

    [Theory, SqliteEngine, PostgresEngine]
    public async Task SeedIfEmpty_EmptyBook_AddsPayersInEveryStageOnceOnly(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var time = new FakeTimeProvider(Now);

        var added = await db.Seeder(time).SeedIfEmptyAsync();
        var again = await db.Seeder(time).SeedIfEmptyAsync();

        Assert.Equal(DemoBook.Entries.Count, added);
        Assert.Equal(0, again);
        var standings = await new PayerBook(db.Contexts, TestDatabase.Dunning(), time).ListAsync();
        Assert.Equal(25, standings.Count);
        var byStage = standings.GroupBy(s => s.Dunning.Stage).ToDictionary(g => g.Key?.ToWire() ?? "none", g => g.Count());
        Assert.Equal(7, byStage["STAGE_3"]);
        Assert.Equal(6, byStage["STAGE_2"]);
        Assert.Equal(7, byStage["STAGE_1"]);
        Assert.Equal(5, byStage["none"]);
    }

    [Fact]
    public void Entries_PhonesAndZones_AreValid()
    {
        foreach (var entry in DemoBook.Entries)
        {
            Assert.True(Phones.TryNormalize(entry.Phone, out var e164, out var error), $"{entry.Name}: {error}");
            Assert.Equal(entry.Phone, e164);
            if (entry.TimeZone is not null) Assert.True(PayerTimeZones.IsKnownZone(entry.TimeZone), entry.TimeZone);
        }
        Assert.True(DemoBook.Entries.Count(e => e.TimeZone is not null) > DemoBook.Entries.Count / 2);
        Assert.Contains(DemoBook.Entries, e => e.Phone.StartsWith("+44", StringComparison.Ordinal));
        Assert.Contains(DemoBook.Entries, e => e.Currency == "CAD");
    }

    [Theory, SqliteEngine]
    public async Task Initialize_SeedOff_LeavesTheBookEmpty(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine, migrate: false);
        await db.InitializeAsync(seed: false);
        await using var context = await db.Contexts.CreateDbContextAsync();
        Assert.Equal(0, await context.Payers.CountAsync());
    }
}
