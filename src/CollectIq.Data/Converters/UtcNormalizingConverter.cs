using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CollectIq.Data.Converters;

/// <summary>Writes every instant with offset zero (Npgsql refuses other offsets for timestamptz).</summary>
public sealed class UtcNormalizingConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    value => value.ToUniversalTime(),
    value => value.ToUniversalTime());
