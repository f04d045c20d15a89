using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CollectIq.Data.Converters;

/// <summary>
/// Stores money as an integer count of 1/10,000 units: exact (unlike REAL) and ordered (unlike TEXT).
/// Four places cover every ISO 4217 minor unit; the API rejects amounts with more.
/// </summary>
public sealed class ScaledDecimalConverter() : ValueConverter<decimal, long>(
    value => (long)decimal.Round(value * Scale, MidpointRounding.ToEven),
    stored => stored / Scale)
{
    public const decimal Scale = 10_000m;
}
