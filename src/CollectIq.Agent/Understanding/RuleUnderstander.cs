namespace CollectIq.Agent.Understanding;

/// <summary>
/// Phrase rules over the recognizer text. Confidence = recognizer confidence × rule strength
/// (1.0 strong phrase, 0.7 keyword), lowered when the n-best alternatives disagree on the intent
/// or the facts. Anything unmatched is <see cref="Intent.Unknown"/>.
/// </summary>
public sealed class RuleUnderstander : IUtteranceUnderstander
{
    private const double StrongWeight = 1.0;
    private const double WeakWeight = 0.7;
    private const double DisagreementPenalty = 0.75;

    public UtteranceMeaning Understand(string text, double recognizerConfidence, IReadOnlyList<string> alternatives, DateOnly today, bool pastDates = false)
    {
        var best = Analyse(text, Math.Clamp(recognizerConfidence, 0, 1), today, pastDates);
        if (alternatives.Count == 0) return best;

        var confidence = best.Confidence;
        var slotsDisagree = false;
        foreach (var alternative in alternatives.Take(3))
        {
            if (string.Equals(alternative, text, StringComparison.OrdinalIgnoreCase)) continue;
            var other = Analyse(alternative, 1, today, pastDates);
            if (other.Intent != best.Intent && (other.Intent != Intent.Unknown || other.Hold)) confidence *= DisagreementPenalty;
            if ((best.Amount is not null && other.Amount is not null && other.Amount != best.Amount)
                || (best.When is not null && other.When is not null && other.When != best.When)) slotsDisagree = true;
        }
        if (slotsDisagree) confidence *= DisagreementPenalty;
        return best with { Confidence = confidence };
    }

    private static UtteranceMeaning Analyse(string text, double recognizerConfidence, DateOnly today, bool pastDates)
    {
        var tokens = Tokens.Split(text);
        var padded = Tokens.Padded(tokens);
        var amount = AmountParser.Find(tokens, out _);
        var when = DateParser.Find(tokens, today, pastDates);
        var digits = string.Concat(NumberParser.FindAll(tokens).Select(n => n.Digits));
        var partial = ContainsAny(padded, [" part ", " partial ", " some of it ", " half ", " a portion "]);
        var full = ContainsAny(padded, [" in full ", " full amount ", " the full ", " the whole ", " everything ", " all of it ", " the total ", " full balance "]);
        var slotConfidence = recognizerConfidence;

        UtteranceMeaning Make(Intent intent, double weight, bool hold = false) => new(
            intent, intent == Intent.Unknown ? slotConfidence : recognizerConfidence * weight,
            amount, when, partial, full, hold, NotAnAnswer: false, Digits: digits.Length > 0 ? digits : null, Text: text);

        if (tokens.Length == 0) return Make(Intent.Unknown, 0);

        var optOut = IntentRules.Ordered[0];
        if (optOut.Strong.Any(p => Matches(padded, p))) return Make(Intent.OptOut, StrongWeight);
        if (IntentRules.Hold.Any(p => Matches(padded, p))) return Make(Intent.Unknown, 0, hold: true) with { Amount = null, When = null };
        if (IntentRules.NotAnAnswer.Any(p => Matches(padded, p))) return Make(Intent.Unknown, 0) with { Amount = null, When = null, NotAnAnswer = true };

        foreach (var rule in IntentRules.Ordered.Skip(1))
        {
            if (rule.Strong.Any(p => Matches(padded, p))) return Make(rule.Intent, StrongWeight);
        }
        foreach (var rule in IntentRules.Ordered.Skip(1))
        {
            if (rule.Weak.Any(p => Matches(padded, p))) return Make(rule.Intent, WeakWeight);
        }
        return Make(Intent.Unknown, 0);
    }

    private static bool Matches(string padded, string phrase) => padded.Contains(" " + phrase + " ", StringComparison.Ordinal)
        || (phrase.Contains('\'') && padded.Contains(" " + phrase.Replace("'", "") + " ", StringComparison.Ordinal));

    private static bool ContainsAny(string padded, string[] phrases) => phrases.Any(p => padded.Contains(p, StringComparison.Ordinal));
}
