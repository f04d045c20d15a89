using System.ComponentModel.DataAnnotations;

namespace CollectIq.Agent.Hosting;

/// <summary>Which brain talks: <c>Agent:Brain</c> = <c>deterministic</c> (default) or <c>llm</c> (needs <c>Agent:Llm:BaseUrl</c>).</summary>
public sealed class BrainOptions
{
    public const string Section = "Agent";
    public const string Deterministic = "deterministic";
    public const string Llm = "llm";

    [RegularExpression("^(?i:deterministic|llm)$", ErrorMessage = "Agent:Brain must be 'deterministic' or 'llm'.")]
    public string Brain { get; set; } = Deterministic;

    public bool IsLlm => string.Equals(Brain, Llm, StringComparison.OrdinalIgnoreCase);
}
