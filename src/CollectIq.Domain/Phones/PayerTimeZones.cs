using CollectIq.Domain.Payers;

namespace CollectIq.Domain.Phones;

/// <summary>Where a payer is: the stored IANA zone, else the zones of the phone number.</summary>
public static class PayerTimeZones
{
    public static IReadOnlyList<TimeZoneInfo> All(Payer payer)
    {
        if (!string.IsNullOrWhiteSpace(payer.TimeZone) && TimeZoneInfo.TryFindSystemTimeZoneById(payer.TimeZone, out var stored))
            return [stored];
        var zones = PhoneNumbers.TimeZonesFor(payer.ContactPhone)
            .Select(id => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var z) ? z : null)
            .OfType<TimeZoneInfo>()
            .ToList();
        return zones.Count > 0 ? zones : [TimeZoneInfo.Utc];
    }

    /// <summary>One zone for date arithmetic (stage, relative dates): the stored one, else the number's first.</summary>
    public static TimeZoneInfo Primary(Payer payer) => All(payer)[0];

    public static bool IsKnownZone(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}
