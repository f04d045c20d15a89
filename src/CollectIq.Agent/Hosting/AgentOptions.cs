using System.ComponentModel.DataAnnotations;

namespace CollectIq.Agent.Hosting;

/// <summary>Who the agent speaks for. Bound from "Agent".</summary>
public sealed class AgentOptions : IValidatableObject
{
    public const string Section = "Agent";

    /// <summary>Said in the greeting and the wrong-party message.</summary>
    [Required, StringLength(80, MinimumLength = 2)] public string CompanyName { get; set; } = "";

    /// <summary>E.164 number payers can call back on (read digit by digit).</summary>
    [Required] public string CallbackNumber { get; set; } = "";

    /// <summary>
    /// Thread-pool minimum (worker and I/O threads) set at start-up; 0 leaves .NET's default (one per core).
    /// Every call's audio path (receive loop with VAD and decoder, event loop, speaking task) runs on the pool,
    /// next to work that blocks a pool thread (SQLite writes, flite's process-wide lock). With the default
    /// minimum the pool adds threads slowly once they are blocked, and 40 calls' barge-ins and replies wait in
    /// its queue (measured: docs/PERFORMANCE.md, "Voice agent").
    /// </summary>
    [Range(0, 1024)] public int MinThreadPoolThreads { get; set; } = 64;

    /// <summary>
    /// Recognizer decoders created at start-up (in the background) so the first calls' turns do not each load a model
    /// on their receive loop (≈ 28 MB of memory each with pocketsphinx; the engine keeps up to its pool size).
    /// </summary>
    [Range(0, 256)] public int PrewarmDecoders { get; set; } = 16;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Domain.Phones.PhoneNumbers.IsE164(CallbackNumber))
            yield return new ValidationResult("Agent:CallbackNumber must be an E.164 number such as +15551234567.", [nameof(CallbackNumber)]);
    }
}
