using System.Text.RegularExpressions;

namespace CollectIq.Outreach.Voicemail;

/// <summary>
/// The only message we leave on an answering machine. It names a neutral business and a person, asks for a
/// call back and gives the number — no debt, amount, account or collection wording, because anyone may hear it.
/// </summary>
public sealed partial record VoicemailMessage(string CompanyName, string ContactPersonName, string CallbackNumber)
{
    public static VoicemailMessage From(VoicemailOptions options, string fallbackCallbackNumber) => new(
        options.CompanyName.Trim(),
        options.ContactPersonName.Trim(),
        string.IsNullOrWhiteSpace(options.CallbackNumber) ? fallbackCallbackNumber : options.CallbackNumber!);

    /// <summary>The words spoken, with the number read digit by digit so TTS does not say "four billion…".</summary>
    public string Text =>
        $"Hello, this is {ContactPersonName} from {CompanyName}. Please call us back at {Spoken(CallbackNumber)}. " +
        $"Again, that number is {Spoken(CallbackNumber)}. Thank you, goodbye.";

    /// <summary>"+14155550123" → "4 1 5, 5 5 5, 0 1 2 3" for NANP numbers; otherwise the digits in groups of three.</summary>
    public static string Spoken(string number)
    {
        var digits = new string(number.Where(char.IsDigit).ToArray());
        if (digits.Length == 11 && digits[0] == '1') digits = digits[1..];
        if (digits.Length == 10)
            return $"{Spaced(digits[..3])}, {Spaced(digits[3..6])}, {Spaced(digits[6..])}";
        return string.Join(", ", digits.Chunk(3).Select(c => Spaced(new string(c))));
    }

    private static string Spaced(string s) => string.Join(' ', s.ToCharArray());

    /// <summary>True when a text would tell a third party this is about a debt.</summary>
    public static bool RevealsCollection(string text) => CollectionWords().IsMatch(text);

    [GeneratedRegex(@"\b(collect\w*|debt\w*|recover\w*|overdue|past[ -]due|owe\w*|balance|invoice\w*|arrears|delinquen\w*|payment\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CollectionWords();
}
