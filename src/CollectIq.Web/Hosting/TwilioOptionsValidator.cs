using CollectIq.Telephony.Twilio;
using Microsoft.Extensions.Options;

namespace CollectIq.Web.Hosting;

/// <summary>Fails start-up with every Twilio setting problem spelled out (not one generic line).</summary>
internal sealed class TwilioOptionsValidator : IValidateOptions<TwilioOptions>
{
    public ValidateOptionsResult Validate(string? name, TwilioOptions options)
    {
        var problems = options.Validate().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
