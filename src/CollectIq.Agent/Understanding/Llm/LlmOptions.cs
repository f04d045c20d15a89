using System.ComponentModel.DataAnnotations;

namespace CollectIq.Agent.Understanding.Llm;

/// <summary>OpenAI-compatible chat endpoint for the intent second opinion. Bound from "Agent:Llm"; off when BaseUrl is empty.</summary>
public sealed class LlmOptions
{
    public const string Section = "Agent:Llm";

    /// <summary>e.g. https://api.openai.com/v1, https://generativelanguage.googleapis.com/v1beta/openai/, http://localhost:11434/v1</summary>
    [Url] public string? BaseUrl { get; set; }
    public string ApiKey { get; set; } = "unused";
    [Required] public string Model { get; set; } = "gpt-4o-mini";
    /// <summary>After this the rules decide alone (the payer must not wait for a slow provider).</summary>
    [Range(100, 10000)] public int TimeoutMs { get; set; } = 1200;
}
