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

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Domain.Phones.PhoneNumbers.IsE164(CallbackNumber))
            yield return new ValidationResult("Agent:CallbackNumber must be an E.164 number such as +15551234567.", [nameof(CallbackNumber)]);
    }
}
