using CollectIq.Domain.Dunning;
using CollectIq.Domain.Payers;

namespace CollectIq.Domain.Tests.Dunning;

public sealed class DunningCalculatorTests
{
    private static readonly DunningCalculator Calculator = new(new DunningOptions());

    private static Payer PayerWith(string? zone, string phone = "+12125550143", params (DateOnly Due, decimal Open, string Currency)[] invoices) => new()
    {
        Name = "Acme", ContactName = "Jo", ContactPhone = phone, TimeZone = zone,
        Invoices = invoices.Select((i, n) => new Invoice { Number = $"I{n}", Amount = Math.Max(i.Open, 1m), OpenAmount = i.Open, Currency = i.Currency, DueDate = i.Due }).ToList(),
    };

    [Theory]
    [InlineData(0, null)]
    [InlineData(1, DunningStage.Stage1)]
    [InlineData(30, DunningStage.Stage1)]
    [InlineData(31, DunningStage.Stage2)]
    [InlineData(60, DunningStage.Stage2)]
    [InlineData(61, DunningStage.Stage3)]
    [InlineData(400, DunningStage.Stage3)]
    [InlineData(-5, null)]
    public void StageFor_DefaultThresholds_MatchTheBands(int days, DunningStage? expected) =>
        Assert.Equal(expected, Calculator.StageFor(days));

    [Fact]
    public void Compute_SameInstant_CountsDaysInThePayersOwnZone()
    {
        // 2025-06-10 05:00 UTC is the 10th in London but still the 9th in Honolulu.
        var now = new DateTimeOffset(2025, 6, 10, 5, 0, 0, TimeSpan.Zero);
        var due = new DateOnly(2025, 6, 10).AddDays(-61);

        var london = Calculator.Compute(PayerWith("Europe/London", "+442079460123", (due, 10m, "GBP")), now);
        var honolulu = Calculator.Compute(PayerWith("Pacific/Honolulu", "+18085550134", (due, 10m, "USD")), now);

        Assert.Equal((DunningStage.Stage3, 61), (london.Stage, london.DaysPastDue));
        Assert.Equal((DunningStage.Stage2, 60), (honolulu.Stage, honolulu.DaysPastDue));
    }

    [Fact]
    public void Compute_NoStoredZone_UsesThePhoneNumbersZone()
    {
        var now = new DateTimeOffset(2025, 6, 10, 5, 0, 0, TimeSpan.Zero); // 9th in Hawaii
        var payer = PayerWith(null, "+18085550134", (new DateOnly(2025, 6, 9), 10m, "USD"));

        Assert.Null(Calculator.Compute(payer, now).Stage);
        Assert.Equal(DunningStage.Stage1, Calculator.Compute(PayerWith("Europe/London", "+18085550134", (new DateOnly(2025, 6, 9), 10m, "USD")), now).Stage);
    }

    [Fact]
    public void Compute_OldestOpenInvoiceDecides_PaidOnesAreIgnored_BalanceSumsOpenAmounts()
    {
        var now = new DateTimeOffset(2025, 6, 10, 12, 0, 0, TimeSpan.Zero);
        var payer = PayerWith("America/New_York", "+12125550143",
            (new DateOnly(2025, 1, 1), 0m, "USD"),     // paid, very old
            (new DateOnly(2025, 5, 1), 100.25m, "USD"), // 40 days
            (new DateOnly(2025, 6, 1), 50m, "USD"));    // 9 days

        var snapshot = Calculator.Compute(payer, now);

        Assert.Equal(DunningStage.Stage2, snapshot.Stage);
        Assert.Equal(40, snapshot.DaysPastDue);
        Assert.Equal(150.25m, snapshot.BalanceDue);
        Assert.Equal(2, snapshot.OpenInvoiceCount);
        Assert.Equal(new DateOnly(2025, 5, 1), snapshot.OldestDueDate);
    }

    [Fact]
    public void Compute_PaidUp_HasNoStageAndZeroBalance()
    {
        var snapshot = Calculator.Compute(PayerWith("America/Chicago", "+13125550188", (new DateOnly(2024, 1, 1), 0m, "CAD")), DateTimeOffset.UtcNow);
        Assert.Null(snapshot.Stage);
        Assert.Equal(0m, snapshot.BalanceDue);
        Assert.Equal("CAD", snapshot.Currency);
    }

    [Fact]
    public void Options_CustomThresholds_AreUsedAndValidated()
    {
        var custom = new DunningCalculator(new DunningOptions { Stage1FromDays = 5, Stage2FromDays = 15, Stage3FromDays = 45 });
        Assert.Null(custom.StageFor(4));
        Assert.Equal(DunningStage.Stage3, custom.StageFor(45));
        Assert.Empty(new DunningOptions().Validate());
        Assert.NotEmpty(new DunningOptions { Stage2FromDays = 70 }.Validate());
    }

    [Theory]
    [InlineData("STAGE_3", DunningStage.Stage3)]
    [InlineData("stage_2", DunningStage.Stage2)]
    [InlineData("1", DunningStage.Stage1)]
    public void StageNames_ParseAndWire_RoundTrip(string text, DunningStage stage)
    {
        Assert.True(DunningStageNames.TryParse(text, out var parsed));
        Assert.Equal(stage, parsed);
        Assert.True(DunningStageNames.TryParse(stage.ToWire(), out var again));
        Assert.Equal(stage, again);
        Assert.False(DunningStageNames.TryParse("STAGE_4", out _));
    }
}
