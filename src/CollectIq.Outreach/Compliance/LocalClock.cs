namespace CollectIq.Outreach.Compliance;

/// <summary>Wall-clock arithmetic in a payer's zone, safe across DST changes.</summary>
public static class LocalClock
{
    public static DateTime LocalTime(TimeZoneInfo zone, DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, zone).DateTime;

    public static DateOnly LocalDate(TimeZoneInfo zone, DateTimeOffset instant) =>
        DateOnly.FromDateTime(LocalTime(zone, instant));

    /// <summary>
    /// The instant a local wall-clock time happens. A time skipped by a spring-forward gap moves to the end of
    /// the gap; a time repeated by a fall-back happens at its later occurrence (the standard offset), which
    /// keeps "not before" limits on the safe side.
    /// </summary>
    public static DateTimeOffset ToInstant(TimeZoneInfo zone, DateOnly date, TimeOnly time)
    {
        var local = DateTime.SpecifyKind(date.ToDateTime(time), DateTimeKind.Unspecified);
        var step = 0;
        while (zone.IsInvalidTime(local) && step++ < 240) local = local.AddMinutes(1);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Min() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>Midnight at the start of <paramref name="date"/> in the zone.</summary>
    public static DateTimeOffset StartOfDay(TimeZoneInfo zone, DateOnly date) => ToInstant(zone, date, TimeOnly.MinValue);
}
