using System.Globalization;
using System.Text.RegularExpressions;
using CollectIq.Agent.Speaking;
using CollectIq.Agent.Understanding;

namespace CollectIq.Agent.Dialog.Llm;

/// <summary>
/// Checks each sentence of the LLM's free text before the payer can hear it. The prompt asks for the
/// same things; this is what holds when the model does not listen. A sentence is dropped (never
/// spoken, counted, logged without its text) when it
/// <list type="bullet">
/// <item>names a forbidden topic: threats and legal matters (arrest, jail, police, lawsuit, sue, court,
/// garnish, seize, repossess, criminal, attorney/lawyer, legal action, bankruptcy, credit score/report/bureau);</item>
/// <item>states a money amount (in digits, or the first one in words with a currency word) that is not the balance, an open invoice's amount or an amount the payer
/// said on this call (no invented fees, interest or settlements);</item>
/// <item>holds any other number above 31 that is not a year or an invoice number (an amount without a
/// currency sign is still an amount; days of the month and times pass);</item>
/// <item>is longer than <see cref="LlmDialogOptions.MaxSentenceChars"/>.</item>
/// </list>
/// Markdown is stripped and allowed amounts are spelled out ("two hundred forty-five dollars and fifty
/// cents") so the synthesizer reads them like the fixed texts.
/// </summary>
public sealed partial class ReplyGuard
{
    private readonly DialogContext _context;
    private readonly int _maxChars;
    private readonly HashSet<decimal> _amounts;
    private readonly HashSet<string> _invoiceDigits;

    public ReplyGuard(DialogContext context, int maxSentenceChars, IEnumerable<decimal> payerAmounts)
    {
        _context = context;
        _maxChars = maxSentenceChars;
        _amounts = [context.Balance, .. context.Invoices.Select(i => i.OpenAmount), .. payerAmounts];
        _invoiceDigits = [.. context.Invoices.Select(i => new string(i.Number.Where(char.IsAsciiDigit).ToArray())).Where(d => d.Length > 0)];
    }

    [GeneratedRegex(@"\b(arrest\w*|jail|prison|police|lawsuits?|sue|sued|suing|courts?|garnish\w*|seiz\w*|repossess\w*|criminal|attorneys?|lawyers?|legal action|bankrupt\w*|credit (score|report|bureau|rating)s?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ForbiddenTopic();

    // "$245.50", "$ 1,200", "245.50 dollars", "120 USD"
    [GeneratedRegex(@"\$\s?(?<n>\d[\d,]*(?:\.\d{1,2})?)|(?<n>\d[\d,]*(?:\.\d{1,2})?)\s*(?:dollars?|usd|bucks)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Money();

    [GeneratedRegex(@"(?<![\d:.,])\d[\d,]*(?:\.\d+)?(?![\d:])")]
    private static partial Regex BareNumber();

    [GeneratedRegex(@"[*_#`>|~]+|^\s*[-•]\s+")]
    private static partial Regex Markdown();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();

    /// <summary>The sentence as it may be spoken, or null with <paramref name="dropReason"/> (null reason: nothing left to say).</summary>
    public string? Check(string sentence, out string? dropReason)
    {
        dropReason = null;
        var text = Spaces().Replace(Markdown().Replace(sentence, " "), " ").Trim();
        if (text.Length == 0) return null;
        if (text.Length > _maxChars) { dropReason = "too-long"; return null; }
        if (ForbiddenTopic().IsMatch(text)) { dropReason = "forbidden-topic"; return null; }

        var foreignAmount = false;
        var spoken = Money().Replace(text, m =>
        {
            if (!decimal.TryParse(m.Groups["n"].Value.Replace(",", ""), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) || !_amounts.Contains(value))
            {
                foreignAmount = true;
                return m.Value;
            }
            return SpokenAmount.Format(value, _context.Currency);
        });
        if (foreignAmount) { dropReason = "amount"; return null; }
        // An amount in words ("fifty dollars") is an amount too: the first one with a currency word must be allowed.
        var worded = AmountParser.Find(Tokens.Split(Money().Replace(text, " ")), out var withUnit);
        if (withUnit && worded is { } wordedValue && !_amounts.Contains(wordedValue)) { dropReason = "amount"; return null; }
        foreach (Match number in BareNumber().Matches(spoken))
        {
            var digits = number.Value.Replace(",", "");
            if (_invoiceDigits.Contains(digits)) continue;
            if (!decimal.TryParse(digits, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)) continue;
            if (value <= 31 && value == Math.Floor(value)) continue; // a day of the month, an hour, a count
            if (value is >= 2000 and <= 2100 && value == Math.Floor(value)) continue; // a year
            dropReason = "amount";
            return null;
        }
        return spoken;
    }
}
