using System.Text;
using System.Text.RegularExpressions;
using CollectIq.Speech.TextToSpeech;

namespace CollectIq.Agent.Dialog.Llm;

/// <summary>
/// Cuts streamed text into sentences as soon as each is complete: a boundary is known once the next
/// sentence has started (the same rule as <see cref="SentenceSplitter"/>, which then splits the
/// finished part, so "$1.50" and "Dr." stay whole). The rest waits for more text or the end.
/// </summary>
internal sealed partial class StreamingSentenceSplitter
{
    private readonly StringBuilder _buffer = new();

    // Same boundary as SentenceSplitter (whose pattern is private): terminator, space, capital or digit — or a newline.
    [GeneratedRegex(@"(?<=[.!?;:])\s+(?=[A-Z0-9""'])|\n+")]
    private static partial Regex Boundary();

    /// <summary>Adds text; returns the sentences it completed.</summary>
    public IReadOnlyList<string> Add(string text)
    {
        _buffer.Append(text);
        var current = _buffer.ToString();
        var last = Boundary().Matches(current).LastOrDefault();
        if (last is null) return [];
        _buffer.Clear().Append(current.AsSpan(last.Index + last.Length));
        return SentenceSplitter.Split(current[..last.Index]).ToList();
    }

    /// <summary>The end of the stream: whatever is left is the last sentence.</summary>
    public IReadOnlyList<string> Flush()
    {
        var rest = _buffer.ToString();
        _buffer.Clear();
        return SentenceSplitter.Split(rest).ToList();
    }
}
