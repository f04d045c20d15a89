using CollectIq.Agent.Dialog;
using CollectIq.Domain.Calls;

namespace CollectIq.Agent.Tests.Dialog;

/// <summary>Relative dates resolve in the payer's zone, from the TimeProvider's instant, across DST changes.</summary>
public class DialogTimeZoneTests
{
    private static readonly IReadOnlyList<OpenInvoice> OneInvoice = [new("INV-7", 80m, "USD", new DateOnly(2026, 1, 10))];

    [Theory]
    // 2026-03-08 04:30Z: still Saturday March 7 in New York, already Sunday March 8 in Tokyo and London.
    [InlineData("America/New_York", "2026-03-08T04:30:00Z", "2026-03-08")]
    [InlineData("Asia/Tokyo", "2026-03-08T04:30:00Z", "2026-03-09")]
    [InlineData("Europe/London", "2026-03-08T04:30:00Z", "2026-03-09")]
    [InlineData("America/Los_Angeles", "2026-03-08T07:59:00Z", "2026-03-08")]
    [InlineData("Australia/Sydney", "2026-04-04T13:30:00Z", "2026-04-06")]
    public void Handle_PromiseTomorrow_ResolvesInPayerZone(string zone, string utcNow, string expected)
    {
        var h = new DialogHarness(OneInvoice, zone, DateTimeOffset.Parse(utcNow));
        h.ConfirmIdentity();
        h.Say("I will pay tomorrow");
        h.Say("yes");
        Assert.Equal(DateOnly.Parse(expected), h.SingleOutcome.Detail.Date);
    }

    [Fact]
    public void Handle_CallbackAcrossSpringForward_UsesDaylightOffset()
    {
        // Saturday March 7 2026, 10:00 EST; tomorrow 10:00 is already EDT (-4).
        var h = new DialogHarness(OneInvoice, "America/New_York", new DateTimeOffset(2026, 3, 7, 15, 0, 0, TimeSpan.Zero));
        h.ConfirmIdentity();
        h.Say("call me back tomorrow at 10 am");
        h.Say("yes");
        Assert.Equal(CallOutcome.Callback, h.SingleOutcome.Outcome);
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 10, 0, 0, TimeSpan.FromHours(-4)), h.SingleOutcome.Detail.CallbackAt);
    }

    [Fact]
    public void Handle_CallbackAcrossFallBack_UsesStandardOffset()
    {
        // Saturday October 31 2026 in London (BST, +1); Monday November 2 is GMT (+0).
        var h = new DialogHarness(OneInvoice, "Europe/London", new DateTimeOffset(2026, 10, 31, 9, 0, 0, TimeSpan.Zero));
        h.ConfirmIdentity();
        h.Say("call me back on monday at three p m");
        h.Say("yes");
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 15, 0, 0, TimeSpan.Zero), h.SingleOutcome.Detail.CallbackAt);
    }

    [Fact]
    public void Handle_EndOfMonthLateEvening_UsesLocalMonth()
    {
        // 2026-12-01 03:00Z is still November 30 in Chicago: "end of the month" is today there.
        var h = new DialogHarness(OneInvoice, "America/Chicago", new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero));
        h.ConfirmIdentity();
        h.Say("I'll pay at the end of the month");
        h.Say("yes");
        Assert.Equal(new DateOnly(2026, 11, 30), h.SingleOutcome.Detail.Date);
    }
}
