using CollectIq.Data.Payers;
using CollectIq.Data.Tests.Infrastructure;
using CollectIq.Domain.Dunning;
using Microsoft.Extensions.Time.Testing;

namespace CollectIq.Data.Tests.Payers;

public sealed class PayerBookTests
{
    // 2025-06-10 05:00 UTC: already the 10th in London, still the 9th in Honolulu (UTC-10).
    private static readonly DateTimeOffset Now = new(2025, 6, 10, 5, 0, 0, TimeSpan.Zero);

    [Theory, SqliteEngine, PostgresEngine]
    public async Task ListAsync_ByStage_ReturnsOnlyThatStageCountedInThePayersZone(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var today = new DateOnly(2025, 6, 10);
        // 61 days before the 10th: STAGE_3 in London (local date 10th), STAGE_2 in Honolulu (local date 9th → 60 days).
        var boundaryDue = today.AddDays(-61);
        var london = await db.AddPayerAsync(Books.Payer("London Ltd", "+442079460123", "Europe/London", ("L1", boundaryDue, 500m)));
        var honolulu = await db.AddPayerAsync(Books.Payer("Honolulu Inc", "+18085550134", "Pacific/Honolulu", ("H1", boundaryDue, 500m)));
        var stage1 = await db.AddPayerAsync(Books.Payer("Fresh Co", "+12125550143", "America/New_York", ("F1", today.AddDays(-5), 50m)));
        var paid = await db.AddPayerAsync(Books.Payer("Paid Co", "+12125550144", "America/New_York", ("P1", today.AddDays(-200), 0m)));
        // An old invoice that is paid does not count; the open one 40 days late makes it STAGE_2.
        var mixed = await db.AddPayerAsync(Books.Payer("Mixed Co", "+13125550188", "America/Chicago", ("M1", today.AddDays(-120), 0m), ("M2", today.AddDays(-40), 75.25m)));
        var book = new PayerBook(db.Contexts, TestDatabase.Dunning(), new FakeTimeProvider(Now));

        var stage3 = await book.ListAsync(DunningStage.Stage3);
        var stage2 = await book.ListAsync(DunningStage.Stage2);
        var stage1List = await book.ListAsync(DunningStage.Stage1);
        var all = await book.ListAsync();

        Assert.Equal([london], stage3.Select(s => s.Payer.Id));
        Assert.Equal(61, stage3[0].Dunning.DaysPastDue);
        Assert.Equal(new[] { honolulu, mixed }.Order(), stage2.Select(s => s.Payer.Id).Order());
        Assert.Equal([stage1], stage1List.Select(s => s.Payer.Id));
        Assert.Equal(5, all.Count);
        var paidStanding = all.Single(s => s.Payer.Id == paid);
        Assert.Null(paidStanding.Dunning.Stage);
        Assert.Equal(0m, paidStanding.Dunning.BalanceDue);
        Assert.Equal(75.25m, all.Single(s => s.Payer.Id == mixed).Dunning.BalanceDue);
    }

    [Theory, SqliteEngine, PostgresEngine]
    public async Task LastOutreachAt_IsTheNewestCallOfEachPayer(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        var called = await db.AddPayerAsync(Books.Payer("Called", invoices: ("C1", today.AddDays(-90), 10m)));
        var never = await db.AddPayerAsync(Books.Payer("Never", "+12125550150", invoices: ("N1", today.AddDays(-90), 10m)));
        await db.AddCallAsync(called, Now.AddDays(-3));
        await db.AddCallAsync(called, Now.AddHours(-1));
        await db.AddCallAsync(called, Now.AddDays(-10));
        var book = new PayerBook(db.Contexts, TestDatabase.Dunning(), new FakeTimeProvider(Now));

        var list = await book.ListAsync(DunningStage.Stage3);
        var one = await book.FindAsync(called);

        Assert.Equal(Now.AddHours(-1), list.Single(s => s.Payer.Id == called).LastOutreachAt);
        Assert.Null(list.Single(s => s.Payer.Id == never).LastOutreachAt);
        Assert.Equal(Now.AddHours(-1), one!.LastOutreachAt);
        Assert.Null(await book.FindAsync(424242));
    }
}
