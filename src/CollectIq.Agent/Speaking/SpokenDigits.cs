namespace CollectIq.Agent.Speaking;

/// <summary>Phone numbers and references read digit by digit, grouped so a listener can write them down.</summary>
public static class SpokenDigits
{
    /// <summary>"+15551234567" → "five five five, one two three, four five six seven" (NANP), else groups of three.</summary>
    public static string PhoneNumber(string e164)
    {
        var digits = new string(e164.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 11 && digits[0] == '1') digits = digits[1..];
        IEnumerable<string> groups = digits.Length == 10
            ? [digits[..3], digits[3..6], digits[6..]]
            : digits.Chunk(3).Select(c => new string(c));
        return string.Join(", ", groups.Select(Digits));
    }

    /// <summary>Letters and digits one by one: "AB12" → "A B one two".</summary>
    public static string Characters(string text) =>
        string.Join(' ', text.Where(char.IsAsciiLetterOrDigit).Select(c => char.IsAsciiDigit(c) ? NumberWords.ToWords(c - '0') : char.ToUpperInvariant(c).ToString()));

    private static string Digits(string group) => string.Join(' ', group.Select(c => NumberWords.ToWords(c - '0')));
}
