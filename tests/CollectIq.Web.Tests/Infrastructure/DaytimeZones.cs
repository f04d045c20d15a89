namespace CollectIq.Web.Tests.Infrastructure;

/// <summary>
/// Tests that run the dialing policy on the real clock pick their payers' zones from the clock, so the calling
/// window (08:00–21:00 local) says the same thing whatever hour the suite runs at.
/// </summary>
public static class DaytimeZones
{
    private static readonly string[] Zones =
    [
        "Pacific/Honolulu", "America/Anchorage", "America/Los_Angeles", "America/Denver", "America/Chicago", "America/New_York",
        "America/Sao_Paulo", "Atlantic/Azores", "Europe/London", "Europe/Berlin", "Europe/Athens", "Asia/Dubai", "Asia/Kolkata",
        "Asia/Bangkok", "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland",
    ];

    /// <summary>A zone whose local hour is in [fromHour, toHour) now and for the next <paramref name="forMinutes"/>.</summary>
    public static string WhereLocalHourIsBetween(DateTimeOffset now, int fromHour, int toHour, int forMinutes = 10) =>
        Zones.First(z =>
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(z);
            var local = TimeZoneInfo.ConvertTime(now, zone);
            var later = TimeZoneInfo.ConvertTime(now.AddMinutes(forMinutes), zone);
            return local.Hour >= fromHour && local.Hour < toHour && later.Hour >= fromHour && later.Hour < toHour;
        });
}
