using System.Security.Cryptography;
using CollectIq.Telephony.Twilio;
using Microsoft.Extensions.Options;

namespace CollectIq.Web.Hosting;

/// <summary>
/// Fills what simulated telephony needs but nobody configured: an auth token (random per process, so the
/// in-process stand-in can sign webhooks and the signature checks stay on) and a public URL (our own
/// listening address). With real Twilio (TWILIO_ACCOUNT_SID set) nothing is invented.
/// </summary>
internal sealed class SimulatedTwilioDefaults(IConfiguration configuration) : IPostConfigureOptions<TwilioOptions>
{
    private readonly string _token = "sim_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public void PostConfigure(string? name, TwilioOptions options)
    {
        if (!options.IsSimulated) return;
        if (string.IsNullOrWhiteSpace(options.AuthToken)) options.AuthToken = _token;
        if (string.IsNullOrWhiteSpace(options.PublicUrl))
        {
            var first = (configuration["urls"] ?? CollectIqApp.DefaultUrl).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
            // Port 0 (tests) is only known after start; whoever starts the stand-in then sets PublicUrl itself.
            if (first is not null && Uri.TryCreate(first.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1"), UriKind.Absolute, out var uri) && uri.Port != 0)
                options.PublicUrl = uri.GetLeftPart(UriPartial.Authority);
        }
    }
}
