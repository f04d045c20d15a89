using PhoneNumbers;

namespace CollectIq.Domain.Phones;

/// <summary>Phone-number rules in one place: E.164 validation (libphonenumber), masking for logs and UI.</summary>
public static class PhoneNumbers
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>Parses and validates; returns the E.164 form or an error a person understands.</summary>
    public static bool TryNormalize(string? input, out string e164, out string? error, string defaultRegion = "US")
    {
        e164 = "";
        error = null;
        if (string.IsNullOrWhiteSpace(input)) { error = "A phone number is required."; return false; }
        try
        {
            var number = Util.Parse(input, defaultRegion);
            if (!Util.IsValidNumber(number)) { error = $"'{Mask(input)}' is not a valid phone number."; return false; }
            e164 = Util.Format(number, PhoneNumberFormat.E164);
            return true;
        }
        catch (NumberParseException ex)
        {
            error = $"Not a phone number: {ex.Message}";
            return false;
        }
    }

    public static bool IsE164(string? input) =>
        input is not null && input.StartsWith('+') && TryNormalize(input, out var e164, out _) && e164 == input;

    /// <summary>Keeps the last four digits only: "+1••••••1234". Safe for logs and screens.</summary>
    public static string Mask(string? number)
    {
        if (string.IsNullOrEmpty(number)) return "";
        var digits = number.Count(char.IsDigit);
        if (digits <= 4) return new string('•', digits);
        var last4 = new string(number.Where(char.IsDigit).TakeLast(4).ToArray());
        return (number.StartsWith('+') ? "+" : "") + new string('•', digits - 4) + last4;
    }

    /// <summary>IANA zones libphonenumber associates with the number (may be several, e.g. a US toll-free or a Canadian number).</summary>
    public static IReadOnlyList<string> TimeZonesFor(string e164)
    {
        try
        {
            var number = Util.Parse(e164, "US");
            var zones = PhoneNumberToTimeZonesMapper.GetInstance().GetTimeZonesForNumber(number);
            return zones.Where(z => z != "Etc/Unknown").ToList();
        }
        catch (NumberParseException)
        {
            return [];
        }
    }
}
