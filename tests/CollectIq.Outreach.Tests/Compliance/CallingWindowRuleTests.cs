using CollectIq.Domain.Phones;
using CollectIq.Outreach.Compliance;
using Microsoft.Extensions.Time.Testing;
using static CollectIq.Outreach.Tests.Candidates;

namespace CollectIq.Outreach.Tests.Compliance;

public class CallingWindowRuleTests
{
    private static RuleVerdict Check(string zone, DateTimeOffset now, OutreachOptions? options = null)
    {
        var clock = new FakeTimeProvider(now);
        var rule = new CallingWindowRule(options ?? new OutreachOptions());
        return rule.Evaluate(For(Payer(zone: zone), clock.GetUtcNow()), clock.GetUtcNow());
    }

    [Theory]
    [InlineData("America/New_York")]
    [InlineData("America/Los_Angeles")]
    [InlineData("Europe/London")]
    [InlineData("Pacific/Honolulu")]
    public void Evaluate_WindowEdges_OpenAt0800Through2059(string zone)
    {
        // A Tuesday in July (DST in force where it applies) and one in January (standard time).
        foreach (var (y, m, d) in new[] { (2026, 7, 14), (2026, 1, 13) })
        {
            Assert.False(Check(zone, Local(zone, y, m, d, 7, 59)).Allowed);
            Assert.True(Check(zone, Local(zone, y, m, d, 8, 0)).Allowed);
            Assert.True(Check(zone, Local(zone, y, m, d, 20, 59)).Allowed);
            Assert.False(Check(zone, Local(zone, y, m, d, 21, 0)).Allowed);
        }
    }

    [Fact]
    public void Evaluate_SameInstant_DependsOnPayerZone()
    {
        // 13:00 UTC in July: 09:00 New York, 06:00 Los Angeles, 14:00 London, 03:00 Honolulu.
        var now = new DateTimeOffset(2026, 7, 14, 13, 0, 0, TimeSpan.Zero);
        Assert.True(Check("America/New_York", now).Allowed);
        Assert.False(Check("America/Los_Angeles", now).Allowed);
        Assert.True(Check("Europe/London", now).Allowed);
        Assert.False(Check("Pacific/Honolulu", now).Allowed);
    }

    [Fact]
    public void Evaluate_Refusal_NamesZoneLocalTimeAndWindow()
    {
        var verdict = Check("America/Los_Angeles", Local("America/Los_Angeles", 2026, 7, 14, 7, 59));
        Assert.Equal(CallingWindowRule.RuleName, verdict.RuleName);
        Assert.Contains("America/Los_Angeles", verdict.Reason);
        Assert.Contains("07:59", verdict.Reason);
        Assert.Contains("08:00–21:00", verdict.Reason);
        Assert.Equal(Local("America/Los_Angeles", 2026, 7, 14, 8, 0), verdict.NextAllowedAt);
    }

    [Theory]
    [InlineData("America/New_York", 2026, 3, 8)]   // spring forward: 02:00 → 03:00
    [InlineData("America/New_York", 2026, 11, 1)]  // fall back: 02:00 → 01:00
    [InlineData("Europe/London", 2026, 3, 29)]
    [InlineData("Europe/London", 2026, 10, 25)]
    [InlineData("America/Los_Angeles", 2026, 3, 8)]
    public void Evaluate_DstTransitionDay_EdgesFollowLocalClock(string zone, int y, int m, int d)
    {
        Assert.False(Check(zone, Local(zone, y, m, d, 7, 59)).Allowed);
        Assert.True(Check(zone, Local(zone, y, m, d, 8, 0)).Allowed);
        Assert.True(Check(zone, Local(zone, y, m, d, 20, 59)).Allowed);
        Assert.False(Check(zone, Local(zone, y, m, d, 21, 0)).Allowed);
    }

    [Fact]
    public void Evaluate_DstSpringForward_UtcInstantThatWasOpenYesterdayIsOpenOneHourEarlier()
    {
        // 12:30 UTC is 07:30 EST on Saturday 7 March but 08:30 EDT on Sunday 8 March 2026.
        Assert.False(Check("America/New_York", new DateTimeOffset(2026, 3, 7, 12, 30, 0, TimeSpan.Zero)).Allowed);
        Assert.True(Check("America/New_York", new DateTimeOffset(2026, 3, 8, 12, 30, 0, TimeSpan.Zero)).Allowed);
    }

    [Fact]
    public void Evaluate_WeekdayOverride_NarrowsThatDayOnly()
    {
        var options = new OutreachOptions();
        options.CallingWindow.WeekdayOverrides[DayOfWeek.Saturday] = new DailyWindow { Start = new(10, 0), End = new(14, 0) };
        const string zone = "America/New_York";
        Assert.False(Check(zone, Local(zone, 2026, 7, 18, 9, 59), options).Allowed);  // Saturday
        Assert.True(Check(zone, Local(zone, 2026, 7, 18, 10, 0), options).Allowed);
        Assert.False(Check(zone, Local(zone, 2026, 7, 18, 14, 0), options).Allowed);
        Assert.True(Check(zone, Local(zone, 2026, 7, 17, 20, 59), options).Allowed);  // Friday untouched
    }

    [Fact]
    public void Evaluate_NoSundaysAndHolidays_ClosedAllDay()
    {
        var options = new OutreachOptions();
        options.CallingWindow.NoSundays = true;
        options.CallingWindow.Holidays = [new DateOnly(2026, 12, 25)];
        const string zone = "America/Chicago";
        var sunday = Check(zone, Local(zone, 2026, 7, 19, 12, 0), options);
        Assert.False(sunday.Allowed);
        Assert.Contains("Sunday", sunday.Reason);
        Assert.Equal(Local(zone, 2026, 7, 20, 8, 0), sunday.NextAllowedAt);
        var christmas = Check(zone, Local(zone, 2026, 12, 25, 12, 0), options);
        Assert.False(christmas.Allowed);
        Assert.Contains("holiday", christmas.Reason);
        Assert.True(Check(zone, Local(zone, 2026, 7, 19, 12, 0)).Allowed); // Sundays allowed by default
    }

    [Fact]
    public void Evaluate_NoStoredZone_UsesPhoneNumberZone()
    {
        var rule = new CallingWindowRule(new OutreachOptions());
        var honolulu = Payer(phone: "+18085550100", zone: null);
        Assert.Equal(["Pacific/Honolulu"], PayerTimeZones.All(honolulu).Select(z => z.Id));
        var now = Local("Pacific/Honolulu", 2026, 7, 14, 7, 59); // 13:59 in New York
        Assert.False(rule.Evaluate(For(honolulu, now), now).Allowed);
        Assert.True(rule.Evaluate(For(Payer(phone: "+18085550100", zone: "America/New_York"), now), now).Allowed);
    }

    [Fact]
    public void Evaluate_TollFreeNumberWithoutZone_OnlyWhereEveryZoneIsOpen()
    {
        // libphonenumber maps +1 800 to every NANP zone, from Guam (UTC+10) to St John's (UTC−2:30 in July) and
        // Adak (UTC−9). In July the only instants that are 08:00–21:00 in all of them are 22:00–23:29 UTC
        // (08:00 in Guam … 20:59 in St John's).
        var payer = Payer(phone: "+18005550100", zone: null);
        var zones = PayerTimeZones.All(payer).Select(z => z.Id).ToList();
        Assert.True(zones.Count > 30);
        Assert.Contains("Pacific/Guam", zones);
        Assert.Contains("America/St_Johns", zones);
        var rule = new CallingWindowRule(new OutreachOptions());
        var start = new DateTimeOffset(2026, 7, 14, 0, 0, 0, TimeSpan.Zero);
        for (var m = 0; m < 24 * 60; m += 30)
        {
            var now = start.AddMinutes(m);
            var expected = now.Hour == 22 || (now.Hour == 23 && now.Minute < 30);
            var verdict = rule.Evaluate(For(payer, now), now);
            Assert.True(expected == verdict.Allowed, $"{now:HH:mm} UTC: {verdict.Reason}");
            if (!verdict.Allowed) Assert.Equal(22, verdict.NextAllowedAt!.Value.UtcDateTime.Hour);
        }
    }

    [Fact]
    public void Evaluate_MultiZoneNumber_AllowedOnlyWhereWindowsOverlap()
    {
        // A number mapped to New York and Los Angeles: open 08:00 LA (11:00 NY) until 21:00 NY (18:00 LA).
        var payer = Payer(zone: null);
        var zones = new[] { "America/New_York", "America/Los_Angeles" }.Select(TimeZoneInfo.FindSystemTimeZoneById).ToList();
        var rule = new CallingWindowRule(new OutreachOptions());
        RuleVerdict At(DateTimeOffset now) => rule.Evaluate(For(payer, now) with { TimeZones = zones }, now);

        var la0759 = Local("America/Los_Angeles", 2026, 7, 14, 7, 59);
        Assert.False(At(la0759).Allowed);
        Assert.Contains("America/Los_Angeles", At(la0759).Reason);
        Assert.Equal(Local("America/Los_Angeles", 2026, 7, 14, 8, 0), At(la0759).NextAllowedAt);
        Assert.True(At(Local("America/Los_Angeles", 2026, 7, 14, 8, 0)).Allowed);
        Assert.True(At(Local("America/New_York", 2026, 7, 14, 20, 59)).Allowed);
        var ny2100 = At(Local("America/New_York", 2026, 7, 14, 21, 0));
        Assert.False(ny2100.Allowed);
        Assert.Contains("America/New_York", ny2100.Reason);
        Assert.Equal(Local("America/Los_Angeles", 2026, 7, 15, 8, 0), ny2100.NextAllowedAt);
    }
}
