using CollectIq.Simulator.Scripts;
using CollectIq.Telephony.Twilio;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CollectIq.Simulator.Hosting;

public static class SimulatedTelephonyServiceCollectionExtensions
{
    /// <summary>
    /// When configuration has no TWILIO_ACCOUNT_SID: registers <see cref="SimulatedTelephony"/> (singleton
    /// and hosted service) and post-configures <see cref="TwilioOptions"/> to point at it. With an account
    /// SID it registers nothing. Returns whether telephony is simulated. An <see cref="ICallerVoice"/>
    /// in DI replaces the default espeak-ng voice.
    /// </summary>
    public static bool AddSimulatedTelephony(this IServiceCollection services, IConfiguration configuration, Action<SimulatedTelephonyOptions>? configure = null)
    {
        if (!string.IsNullOrWhiteSpace(configuration["TWILIO_ACCOUNT_SID"])) return false;
        var options = new SimulatedTelephonyOptions();
        SimulatedTelephonyOptions.Bind(configuration, options);
        configure?.Invoke(options);
        services.AddSingleton(sp => new SimulatedTelephony(
            options,
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetService<TimeProvider>(),
            sp.GetService<ICallerVoice>()));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<SimulatedTelephony>());
        services.AddSingleton<IPostConfigureOptions<TwilioOptions>, SimulatedTwilioOptions>();
        return true;
    }

    private sealed class SimulatedTwilioOptions(SimulatedTelephony telephony) : IPostConfigureOptions<TwilioOptions>
    {
        public void PostConfigure(string? name, TwilioOptions options)
        {
            // Only when the configured options really have no account: a test may set one explicitly.
            if (options.IsSimulated) telephony.Configure(options);
        }
    }
}
