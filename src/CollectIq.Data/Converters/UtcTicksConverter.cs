using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CollectIq.Data.Converters;

/// <summary>Stores an instant as its UTC ticks (INTEGER), so it sorts and compares as time does; reads back in UTC.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
