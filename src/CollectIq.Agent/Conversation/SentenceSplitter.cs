using System.Text.RegularExpressions;

namespace CollectIq.Agent.Conversation;

/// <summary>Splits agent text into sentences, so synthesis starts on the first one and a mark follows each.</summary>
public static partial class SentenceSplitter
{
    public static IReadOnlyList<string> Split(string text)
    {
        var parts = Boundary().Split(text.Trim());
        return parts.Select(p => p.Trim()).Where(p => p.Length > 0).ToArray();
    }

    // After . ? or ! followed by space and a capital letter; "a.m." / "p.m." mid-sentence are followed by lower case.
    [GeneratedRegex(@"(?<=[.?!])\s+(?=[A-Z])")]
    private static partial Regex Boundary();
}
