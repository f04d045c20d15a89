using System.Security.Cryptography;

namespace CollectIq.Simulator.Calls;

/// <summary>Twilio-shaped identifiers: a two-letter prefix and 32 lower-case hex digits (CA…, MZ…, AC…).</summary>
public static class Sids
{
    public static string New(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool IsValid(string? sid, string prefix) =>
        sid is { Length: 34 } && sid.StartsWith(prefix, StringComparison.Ordinal) && sid.AsSpan(2).IndexOfAnyExcept("0123456789abcdef") < 0;
}
