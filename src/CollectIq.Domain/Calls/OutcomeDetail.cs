using System.Text.Json;
using System.Text.Json.Serialization;

namespace CollectIq.Domain.Calls;

/// <summary>
/// The facts behind an outcome, stored as camelCase JSON on the call (Call.OutcomeDetail): written by the agent's
/// dialog and the keypress menu, read by Outreach's outcome effects. One type, so writer and reader cannot drift.
/// </summary>
public sealed record OutcomeDetail
{
    public decimal? Amount { get; init; }
    public string? Currency { get; init; }
    /// <summary>Promised payment date, or the date the payer says they paid.</summary>
    public DateOnly? Date { get; init; }
    public string? InvoiceNumber { get; init; }
    public string? Reason { get; init; }
    /// <summary>When to call back, with the payer's UTC offset.</summary>
    public DateTimeOffset? CallbackAt { get; init; }
    /// <summary>Payment reference or check number the payer gave.</summary>
    public string? Reference { get; init; }
    public string? Note { get; init; }
    /// <summary>"keypress" for the keypress menu's outcomes.</summary>
    public string? Source { get; init; }

    public static readonly OutcomeDetail None = new();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static OutcomeDetail? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<OutcomeDetail>(json, Json);

    /// <summary>The facts, or <see cref="None"/> when there is no detail or it is not the expected JSON (never throws).</summary>
    public static OutcomeDetail Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return None;
        try
        {
            return JsonSerializer.Deserialize<OutcomeDetail>(json, Json) ?? None;
        }
        catch (JsonException)
        {
            return None;
        }
    }
}
