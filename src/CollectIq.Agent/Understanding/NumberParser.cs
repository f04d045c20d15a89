using System.Globalization;

namespace CollectIq.Agent.Understanding;

/// <summary>A number found in the token stream: tokens [Start, End) and its value.</summary>
public readonly record struct NumberSpan(int Start, int End, decimal Value, string Digits);

/// <summary>
/// Numbers in words as people say them on the phone: "two hundred forty five", "a hundred and
/// twenty", "two fifty" (= 250), "twelve fifty" (= 1250), "twenty five hundred", "1,200.50".
/// </summary>
public static class NumberParser
{
    private static readonly Dictionary<string, int> Small = new()
    {
        ["zero"] = 0, ["oh"] = 0, ["o"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5,
        ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12,
        ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17,
        ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fourty"] = 40,
        ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    };

    private static readonly Dictionary<string, int> Ordinals = new()
    {
        ["first"] = 1, ["second"] = 2, ["third"] = 3, ["fourth"] = 4, ["fifth"] = 5, ["sixth"] = 6, ["seventh"] = 7,
        ["eighth"] = 8, ["ninth"] = 9, ["tenth"] = 10, ["eleventh"] = 11, ["twelfth"] = 12, ["thirteenth"] = 13,
        ["fourteenth"] = 14, ["fifteenth"] = 15, ["sixteenth"] = 16, ["seventeenth"] = 17, ["eighteenth"] = 18,
        ["nineteenth"] = 19, ["twentieth"] = 20, ["thirtieth"] = 30,
    };

    private static readonly Dictionary<string, long> Scales = new()
    {
        ["hundred"] = 100, ["thousand"] = 1000, ["grand"] = 1000, ["million"] = 1_000_000,
    };

    public static bool IsNumberWord(string token) =>
        Small.ContainsKey(token) || Scales.ContainsKey(token) || IsNumeral(token, out _);

    /// <summary>All numbers in the tokens, left to right (cardinals only; see <see cref="TryOrdinal"/>).</summary>
    public static IReadOnlyList<NumberSpan> FindAll(IReadOnlyList<string> tokens)
    {
        var found = new List<NumberSpan>();
        var i = 0;
        while (i < tokens.Count)
        {
            if (TryParseAt(tokens, i, out var span)) { found.Add(span); i = span.End; }
            else i++;
        }
        return found;
    }

    /// <summary>Parses the longest number starting at <paramref name="start"/>.</summary>
    public static bool TryParseAt(IReadOnlyList<string> tokens, int start, out NumberSpan span)
    {
        span = default;
        if (start >= tokens.Count) return false;
        if (IsNumeral(tokens[start], out var numeral))
        {
            span = new NumberSpan(start, start + 1, numeral, new string(tokens[start].Where(char.IsAsciiDigit).ToArray()));
            return true;
        }

        long total = 0, current = 0;
        var digits = "";
        var usedOh = false;
        var i = start;
        var any = false;
        var lastWasSmallUnit = false; // last token was 1..9
        while (i < tokens.Count)
        {
            var t = tokens[i];
            // "a hundred", "a thousand": "a" counts only before a scale word.
            if (t == "a" && !any && i + 1 < tokens.Count && Scales.ContainsKey(tokens[i + 1])) { current = 1; i++; any = true; continue; }
            // "and" continues a number only when a number word follows ("a hundred and twenty").
            if (t == "and" && any && i + 1 < tokens.Count && Small.TryGetValue(tokens[i + 1], out var afterAnd) && afterAnd > 0 && current % 100 == 0 && (total + current) > 0) { i++; continue; }
            if (Small.TryGetValue(t, out var v))
            {
                if ((t is "o" or "oh") && !any) break; // "oh" alone is an interjection, not zero
                if (t is "zero" or "oh" or "o")
                {
                    // Digit-by-digit reading ("one zero zero two", "ten oh one"): keep the digits.
                    current *= 10;
                    digits += "0";
                    usedOh = true;
                    any = true;
                    lastWasSmallUnit = false;
                    i++;
                    continue;
                }
                if (any && v < 10 && lastWasSmallUnit) break; // "five five": two numbers, not fifty-five
                if (any && v < 10 && current % 10 != 0 && !(t is "oh" or "o")) break;
                if (any && v >= 10 && current % 100 != 0)
                    current = current * 100 + v; // colloquial "two fifty", "nineteen ninety"
                else if (any && (t is "oh" or "o"))
                { current *= 10; usedOh = true; } // "ten oh one": read as digits 1-0-0-1
                else
                    current += v;
                digits += v.ToString(CultureInfo.InvariantCulture);
                any = true;
                lastWasSmallUnit = v is > 0 and < 10;
                i++;
                continue;
            }
            if (Scales.TryGetValue(t, out var scale) && any)
            {
                if (scale == 100) current = (current == 0 ? 1 : current) * 100;
                else { total += (current == 0 ? 1 : current) * scale; current = 0; }
                lastWasSmallUnit = false;
                i++;
                continue;
            }
            break;
        }
        if (!any) return false;
        var value = total + current;
        span = new NumberSpan(start, i, value, usedOh ? digits : value.ToString(CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>"fifteenth", "twenty first", "15th", "twenty-third" → day number; consumes 1 or 2 tokens.</summary>
    public static bool TryOrdinal(IReadOnlyList<string> tokens, int start, out int value, out int end)
    {
        value = 0; end = start;
        if (start >= tokens.Count) return false;
        var t = tokens[start];
        if (Ordinals.TryGetValue(t, out value)) { end = start + 1; return true; }
        if (t.Length > 2 && (t.EndsWith("st") || t.EndsWith("nd") || t.EndsWith("rd") || t.EndsWith("th"))
            && int.TryParse(t[..^2], NumberStyles.None, CultureInfo.InvariantCulture, out value))
        { end = start + 1; return true; }
        if (t is "twenty" or "thirty" && start + 1 < tokens.Count && Ordinals.TryGetValue(tokens[start + 1], out var unit) && unit < 10)
        {
            value = (t == "twenty" ? 20 : 30) + unit; end = start + 2; return true;
        }
        return false;
    }

    public static bool IsNumeral(string token, out decimal value)
    {
        var clean = token.TrimStart('$').Replace(",", "");
        if (clean.Length > 0 && char.IsAsciiDigit(clean[0])
            && decimal.TryParse(clean, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)) return true;
        value = 0;
        return false;
    }
}
