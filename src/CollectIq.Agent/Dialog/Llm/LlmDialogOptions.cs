using System.ComponentModel.DataAnnotations;

namespace CollectIq.Agent.Dialog.Llm;

/// <summary>
/// The LLM brain (<c>Agent:Brain = llm</c>). Bound from "Agent:Llm", the same section as the endpoint
/// (<see cref="Understanding.Llm.LlmOptions"/>: BaseUrl, Model, ApiKey); these are the brain's own limits.
/// </summary>
public sealed class LlmDialogOptions
{
    public const string Section = "Agent:Llm";

    /// <summary>No first token (text or tool call) by then: the deterministic dialog answers this turn.</summary>
    [Range(200, 30000)] public int FirstTokenTimeoutMs { get; set; } = 2500;

    /// <summary>The whole reply (text and tool calls) must be done by then.</summary>
    [Range(500, 120000)] public int ReplyTimeoutMs { get; set; } = 10000;

    /// <summary>After this many failed replies (error, timeout, malformed tool call) the call stays deterministic.</summary>
    [Range(1, 20)] public int MaxFailuresPerCall { get; set; } = 2;

    /// <summary>Sentences of one reply that are spoken; the rest is dropped (the model is told to be brief).</summary>
    [Range(1, 10)] public int MaxReplySentences { get; set; } = 3;

    /// <summary>A longer sentence is dropped (a run-on reply is not something to read to a payer).</summary>
    [Range(40, 1000)] public int MaxSentenceChars { get; set; } = 240;

    /// <summary>Empty = not sent (some reasoning models accept only their default).</summary>
    [Range(0.0, 2.0)] public double? Temperature { get; set; } = 0.3;

    [Range(16, 4000)] public int MaxOutputTokens { get; set; } = 300;
}
