using System.Globalization;
using System.Text.Json;
using CollectIq.Agent.Understanding;
using Microsoft.Extensions.AI;

namespace CollectIq.Agent.Dialog.Llm;

/// <summary>
/// The tools the LLM may call (declarations only: MEAI never invokes them). A call's arguments are
/// parsed here — types and formats; a call we cannot read is "malformed" and the deterministic
/// dialog answers the turn — and handed to the state machine (<see cref="CollectionsDialog"/>
/// proposals), which validates the values with its fixed wording and asks its fixed confirmation.
/// Dates are the payer's calendar dates (ISO, or a phrase resolved against the payer's local today).
/// </summary>
public static class LlmTools
{
    public const string PromiseToPay = "record_promise_to_pay";
    public const string PaymentAlreadyMade = "record_payment_already_made";
    public const string Dispute = "record_dispute";
    public const string Callback = "schedule_callback";
    public const string PaymentLink = "send_payment_link";
    public const string OptOut = "opt_out";
    public const string EndCall = "end_call";

    private static AIFunctionDeclaration Declare(string name, string description, string schema) =>
        AIFunctionFactory.CreateDeclaration(name, description, JsonDocument.Parse(schema).RootElement.Clone());

    public static IReadOnlyList<AITool> Declarations { get; } =
    [
        Declare(PromiseToPay, "The payer commits to paying an amount on a date. The system reads it back to the payer for confirmation.",
            """{"type":"object","properties":{"amount":{"type":"number","description":"Amount in the account currency; omit for the full balance."},"date":{"type":"string","description":"Payment date YYYY-MM-DD in the payer's calendar."}},"required":["date"]}"""),
        Declare(PaymentAlreadyMade, "The payer says they already paid. The system reads it back for confirmation.",
            """{"type":"object","properties":{"date":{"type":"string","description":"Date paid, YYYY-MM-DD."},"reference":{"type":"string","description":"Payment reference or check number, if given."}}}"""),
        Declare(Dispute, "The payer disputes an invoice (or all of them). The system reads it back for confirmation.",
            """{"type":"object","properties":{"invoice":{"type":"string","description":"Invoice number, or \"all\"."},"reason":{"type":"string","description":"The payer's reason, briefly, in their words."}}}"""),
        Declare(Callback, "The payer wants to be called back later. The system reads the time back for confirmation.",
            """{"type":"object","properties":{"when":{"type":"string","description":"Local date and time YYYY-MM-DDTHH:MM in the payer's time zone, between 08:00 and 21:00."}},"required":["when"]}"""),
        Declare(PaymentLink, "The payer wants a secure payment link by text message.", """{"type":"object","properties":{}}"""),
        Declare(OptOut, "The payer asks us to stop calling.", """{"type":"object","properties":{}}"""),
        Declare(EndCall, "The payer wants to end the conversation without any of the above.", """{"type":"object","properties":{}}"""),
    ];

    /// <summary>Hands <paramref name="call"/> to the state machine; false (with why) when it cannot be read.</summary>
    public static bool TryPropose(FunctionCallContent call, CollectionsDialog rules, out DialogResponse response, out string error)
    {
        response = null!;
        error = "";
        if (call.Exception is not null) { error = "arguments are not JSON"; return false; }
        var args = call.Arguments ?? new Dictionary<string, object?>();
        var today = rules.LocalToday;
        try
        {
            switch (call.Name)
            {
                case PromiseToPay:
                    response = rules.ProposePromise(Decimal(args, "amount"), Date(args, "date", today, past: false));
                    return true;
                case PaymentAlreadyMade:
                    response = rules.ProposePaid(Date(args, "date", today, past: true), Text(args, "reference", 40));
                    return true;
                case Dispute:
                    response = rules.ProposeDispute(Text(args, "invoice", 40), Text(args, "reason", 200));
                    return true;
                case Callback:
                    response = rules.ProposeCallback(When(args, "when", today, rules.Context.TimeZone));
                    return true;
                case PaymentLink: response = rules.ProposePaymentLink(); return true;
                case OptOut: response = rules.ProposeOptOut(); return true;
                case EndCall: response = rules.Close(); return true;
                default: error = "unknown tool"; return false;
            }
        }
        catch (FormatException e)
        {
            error = e.Message;
            return false;
        }
    }

    private static object? Raw(IDictionary<string, object?> args, string name)
    {
        if (!args.TryGetValue(name, out var value) || value is null) return null;
        if (value is JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined }) return null;
        return value;
    }

    private static string? Text(IDictionary<string, object?> args, string name, int maxLength)
    {
        var value = Raw(args, name) switch
        {
            null => null,
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            JsonElement { ValueKind: JsonValueKind.Number } e => e.GetRawText(),
            _ => throw new FormatException($"{name} is not text"),
        };
        if (string.IsNullOrWhiteSpace(value)) return null;
        // Read back to the payer in fixed wording: keep it short and to plain characters.
        var clean = new string(value.Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or ',' or '.' or '\'' or '/').ToArray()).Trim();
        return clean.Length == 0 ? null : clean.Length <= maxLength ? clean : clean[..maxLength].TrimEnd();
    }

    private static decimal? Decimal(IDictionary<string, object?> args, string name)
    {
        var raw = Raw(args, name);
        if (raw is null) return null;
        decimal value;
        switch (raw)
        {
            case JsonElement { ValueKind: JsonValueKind.Number } e when e.TryGetDecimal(out value): break;
            case JsonElement { ValueKind: JsonValueKind.String } e when TryParseMoney(e.GetString(), out value): break;
            case string s when TryParseMoney(s, out value): break;
            case decimal d: value = d; break;
            case double d: value = (decimal)d; break;
            case int i: value = i; break;
            case long l: value = l; break;
            default: throw new FormatException($"{name} is not a number");
        }
        return Math.Round(value, 2, MidpointRounding.AwayFromZero);
    }

    private static bool TryParseMoney(string? text, out decimal value) =>
        decimal.TryParse(text?.Trim().TrimStart('$').Replace(",", ""), NumberStyles.Number, CultureInfo.InvariantCulture, out value);

    /// <summary>ISO date, or a phrase ("next Friday") resolved against the payer's today; unreadable → null (the date is asked).</summary>
    private static DateOnly? Date(IDictionary<string, object?> args, string name, DateOnly today, bool past)
    {
        var text = Text(args, name, 60);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        return DateParser.Find(text, today, past)?.Date;
    }

    /// <summary>Local "YYYY-MM-DDTHH:MM" (an offset, if given, is converted to the payer's zone), or a phrase; unreadable → null.</summary>
    private static SpokenWhen? When(IDictionary<string, object?> args, string name, DateOnly today, TimeZoneInfo zone)
    {
        var raw = Raw(args, name);
        var text = raw switch
        {
            null => null,
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            _ => throw new FormatException($"{name} is not text"),
        };
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        string[] local = ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm"];
        if (DateTime.TryParseExact(text, local, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            return new SpokenWhen(DateOnly.FromDateTime(at), TimeOnly.FromDateTime(at));
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var offset) && text.Contains('T'))
        {
            var there = TimeZoneInfo.ConvertTime(offset, zone).DateTime;
            return new SpokenWhen(DateOnly.FromDateTime(there), TimeOnly.FromDateTime(there));
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return new SpokenWhen(day, null);
        return DateParser.Find(text, today);
    }
}
