namespace CollectIq.Speech.Recognition;

/// <summary>
/// Maps the words of a grammar hypothesis to a <see cref="SpokenAnswer"/>. The grammars constrain what
/// can come back, so simple keyword rules suffice; anything unmatched is <see cref="SpokenIntent.Unknown"/>.
/// Dates are normalised to "month day" ("december 15") or the relative phrase ("next friday").
/// </summary>
public static class AnswerInterpreter
{
    private static readonly Dictionary<string, int> Units = new()
    {
        ["zero"] = 0, ["a"] = 1, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
        ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14,
        ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19,
    };
    private static readonly Dictionary<string, int> Tens = new()
    {
        ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    };
    private static readonly string[] Months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
    private static readonly Dictionary<string, int> Ordinals = new()
    {
        ["first"] = 1, ["second"] = 2, ["third"] = 3, ["fourth"] = 4, ["fifth"] = 5, ["sixth"] = 6, ["seventh"] = 7, ["eighth"] = 8,
        ["ninth"] = 9, ["tenth"] = 10, ["eleventh"] = 11, ["twelfth"] = 12, ["thirteenth"] = 13, ["fourteenth"] = 14, ["fifteenth"] = 15,
        ["sixteenth"] = 16, ["seventeenth"] = 17, ["eighteenth"] = 18, ["nineteenth"] = 19, ["twentieth"] = 20, ["thirtieth"] = 30,
    };
    private static readonly string[] Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    public static SpokenAnswer Interpret(string text, ExpectedAnswer expected)
    {
        var words = new string(text.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) || c == '\'' ? c : ' ').ToArray()).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !w.StartsWith('<') && !w.StartsWith('[')).ToArray();
        if (words.Length == 0) return SpokenAnswer.Unknown;
        var s = " " + string.Join(' ', words) + " ";
        var amount = ParseAmount(words);
        var date = ParseDate(words);
        bool Has(params string[] phrases) => phrases.Any(p => s.Contains(" " + p + " ", StringComparison.Ordinal));

        if (Has("stop calling", "don't call me", "take me off", "do not call")) return new(SpokenIntent.StopCalling);
        if (Has("wrong number", "no one here")) return new(SpokenIntent.WrongNumber);
        if (Has("not here", "not home", "not available")) return new(SpokenIntent.NotAvailable);
        if (Has("who is")) return new(SpokenIntent.WhoIsCalling);
        if (Has("already paid", "paid it", "paid that", "been paid", "it's paid", "sent the payment", "already sent")) return new(SpokenIntent.AlreadyPaid);
        if (Has("don't owe", "not my", "dispute", "amount is wrong", "never got")) return new(SpokenIntent.Dispute);
        if (Has("can't pay", "don't have the money", "lost my job")) return new(SpokenIntent.CannotPay);
        if (Has("call me", "call back", "not a good time", "i'm busy")) return new(SpokenIntent.Callback);
        if (Has("link", "text me", "email me", "send me the invoice", "send me the bill", "send me a bill")) return new(SpokenIntent.PaymentLink);
        if (Has("this is he", "this is she", "this is him", "this is her", "this is me", "speaking", "it's me", "that's me", "you got"))
            return new(SpokenIntent.IdentityConfirmed);
        var pays = Has("pay", "send", "payment", "i can do");
        if (pays && date is null && amount is null && Has("now", "today", "right now")) return new(SpokenIntent.PayNow);
        if (pays && date is "today" && amount is null) return new(SpokenIntent.PayNow);
        if (date != null && (pays || expected == ExpectedAnswer.Intent) && expected != ExpectedAnswer.Date) return new(SpokenIntent.PromiseToPay, amount, date);
        if (expected == ExpectedAnswer.Date && date != null) return new(SpokenIntent.DateGiven, amount, date);
        if (amount != null) return new(expected == ExpectedAnswer.Intent && date != null ? SpokenIntent.PromiseToPay : SpokenIntent.AmountGiven, amount, date);
        if (date != null) return new(SpokenIntent.DateGiven, null, date);
        if (Has("no", "nope", "not really", "that's wrong", "not right", "no thanks")) return new(SpokenIntent.No);
        if (Has("yes", "yeah", "yep", "sure", "correct", "right", "of course", "okay"))
            return new(expected == ExpectedAnswer.Identity ? SpokenIntent.IdentityConfirmed : SpokenIntent.Yes);
        return SpokenAnswer.Unknown;
    }

    /// <summary>"two hundred forty dollars and fifty cents" → 240.50; "one fifty" → 150; "half" → null.</summary>
    public static decimal? ParseAmount(IReadOnlyList<string> words)
    {
        var dollars = -1L;
        long total = 0, current = 0;
        var any = false;
        var i = 0;
        for (; i < words.Count; i++)
        {
            var w = words[i];
            if (Units.TryGetValue(w, out var u) && !(w == "a" && (i + 1 >= words.Count || words[i + 1] != "hundred")))
            {
                // "one fifty": a digit followed by tens/teens is hundreds, the way people say prices.
                if (current > 0 && current < 10 && u >= 10 && !any) current *= 100;
                current += u; any = true;
            }
            else if (Tens.TryGetValue(w, out var t))
            {
                if (current > 0 && current < 10) current *= 100;
                current += t; any = true;
            }
            else if (w == "hundred" && any) current = Math.Max(1, current) * 100;
            else if (w == "thousand" && any) { total += Math.Max(1, current) * 1000; current = 0; }
            else if (w is "dollars" or "bucks" && any) { dollars = total + current; total = current = 0; any = false; }
            else if (w == "cents" && any) return (dollars < 0 ? 0 : dollars) + (total + current) / 100m;
            else if (w is "and") continue;
            else if (any && dollars < 0) { dollars = total + current; total = current = 0; any = false; if (IsDateWord(w)) break; }
            else if (IsDateWord(w)) break;
        }
        if (dollars >= 0) return dollars + (any ? 0 : 0);
        return any ? total + current : null;
    }

    private static bool IsDateWord(string w) => Months.Contains(w) || Ordinals.ContainsKey(w) || Weekdays.Contains(w) || w is "on" or "by" or "the" or "next";

    public static string? ParseDate(IReadOnlyList<string> words)
    {
        var s = string.Join(' ', words);
        for (var i = 0; i < words.Count; i++)
        {
            var month = Array.IndexOf(Months, words[i]);
            var day = OrdinalAt(words, i + (month >= 0 ? 1 : 0));
            if (month >= 0 && day > 0) return $"{Months[month]} {day}";
            if (month < 0 && day > 0 && (i > 0 && words[i - 1] is "the" or "on" or "by" || i == 0))
            {
                var of = i + (day > 20 && words[i] is "twenty" or "thirty" ? 2 : 1);
                if (of + 1 < words.Count && words[of] == "of" && Array.IndexOf(Months, words[of + 1]) is var m and >= 0) return $"{Months[m]} {day}";
                return $"the {day}";
            }
        }
        foreach (var day in Weekdays)
            if (s.Contains(day)) return s.Contains("next " + day) ? "next " + day : day;
        foreach (var phrase in new[] { "today", "tomorrow", "next week", "end of the month", "end of this month", "next month", "in two weeks", "in three weeks", "payday" })
            if (s.Contains(phrase)) return phrase;
        return null;
    }

    private static int OrdinalAt(IReadOnlyList<string> words, int i)
    {
        if (i >= words.Count) return 0;
        if (words[i] is "twenty" or "thirty" && i + 1 < words.Count && Ordinals.TryGetValue(words[i + 1], out var o) && o < 10)
            return (words[i] == "twenty" ? 20 : 30) + o;
        return Ordinals.TryGetValue(words[i], out var d) && !(d == 2 && i > 0 && words[i - 1] == "a") ? d : 0;
    }
}
