using System.Text;

namespace CollectIq.Agent.Understanding;

/// <summary>
/// Recognizer text as lower-case word tokens. Keeps digits, '.', '$', '/' inside tokens
/// ("$245.50", "12/15") and splits contractions' hyphens ("forty-five" → "forty five").
/// </summary>
public static class Tokens
{
    public static string[] Split(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '\'' or '$' or '/' or ':') sb.Append(c);
            else if (c == '.' ) sb.Append(c);
            else if (c == ',') sb.Append(sb.Length > 0 && char.IsAsciiDigit(sb[^1]) ? "" : " ");
            else sb.Append(' ');
        }
        return sb.ToString()
            .Replace('’', '\'')
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t.Trim('.', '\''))
            .Where(t => t.Length > 0)
            .ToArray();
    }

    /// <summary>The tokens joined by single spaces with a space at both ends, so phrases match on word boundaries.</summary>
    public static string Padded(IEnumerable<string> tokens) => " " + string.Join(' ', tokens) + " ";
}
