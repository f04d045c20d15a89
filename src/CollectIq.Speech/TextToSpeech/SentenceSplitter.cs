using System.Text.RegularExpressions;

namespace CollectIq.Speech.TextToSpeech;

/// <summary>
/// Splits a reply into sentences so synthesis can stream; keeps "$1.50" and "Dr." intact. The one splitter
/// of the product: the agent uses it too (one mark per sentence), so what is synthesized and what is marked agree.
/// </summary>
public static partial class SentenceSplitter
{
    [GeneratedRegex(@"(?<=[.!?;:])\s+(?=[A-Z0-9""'])|\n+")]
    private static partial Regex Boundary();

    public static IEnumerable<string> Split(string text) =>
        Boundary().Split(text).Select(s => s.Trim()).Where(s => s.Length > 0);
}
