using System.Text.Json;

namespace CollectIq.Outreach.Outcomes;

/// <summary>
/// The facts behind an outcome as stored on the call (Call.OutcomeDetail, camelCase JSON written by the agent's
/// OutcomeDetail or the keypress menu). Read here without a reference to the agent: the JSON is the contract.
/// </summary>
public sealed record OutcomeFacts
{
    public decimal? Amount { get; init; }
    public string? Currency { get; init; }
    /// <summary>Promised payment date, or the date the payer says they paid.</summary>
    public DateOnly? Date { get; init; }
    public string? InvoiceNumber { get; init; }
    public string? Reason { get; init; }
    public DateTimeOffset? CallbackAt { get; init; }
    public string? Reference { get; init; }
    public string? Note { get; init; }
    /// <summary>"keypress" for the keypress menu's outcomes.</summary>
    public string? Source { get; init; }

    public static readonly OutcomeFacts None = new();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The facts, or <see cref="None"/> when there is no detail or it is not the expected JSON (never throws).</summary>
    public static OutcomeFacts Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return None;
        try
        {
            return JsonSerializer.Deserialize<OutcomeFacts>(json, Json) ?? None;
        }
        catch (JsonException)
        {
            return None;
        }
    }
}
