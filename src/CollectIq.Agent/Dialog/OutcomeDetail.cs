using System.Text.Json;
using System.Text.Json.Serialization;

namespace CollectIq.Agent.Dialog;

/// <summary>The facts behind an outcome, stored as JSON on the call (Call.OutcomeDetail).</summary>
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

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static OutcomeDetail? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<OutcomeDetail>(json, Json);
}
