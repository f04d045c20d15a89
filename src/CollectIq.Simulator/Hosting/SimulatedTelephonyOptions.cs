using CollectIq.Simulator.Scripts;

namespace CollectIq.Simulator.Hosting;

/// <summary>Settings of simulated telephony (used when TWILIO_ACCOUNT_SID is not set).</summary>
public sealed class SimulatedTelephonyOptions
{
    /// <summary>Loopback port of the stand-in; 0 (default) picks a free one. Env: SIMULATED_TWILIO_PORT.</summary>
    public int Port { get; set; }

    /// <summary>The callee preset for numbers without a script of their own (see <see cref="CalleePresets.Names"/>). Env: SIMULATED_CALLEE.</summary>
    public string DefaultCallee { get; set; } = CalleePresets.Listens;

    /// <summary>When the default callee hangs up. Env: SIMULATED_CALLEE_HANGUP_SECONDS.</summary>
    public int HangUpAfterSeconds { get; set; } = 30;

    /// <summary>The payer's voice when no ICallerVoice is registered: "espeak" (default) or "flite" (clearer for a recognizer). Env: SIMULATED_CALLER_VOICE.</summary>
    public string CallerVoice { get; set; } = "espeak";

    public ICallerVoice CreateCallerVoice() => CallerVoice.Equals("flite", StringComparison.OrdinalIgnoreCase) ? new FliteCallerVoice() : new EspeakCallerVoice();

    public static void Bind(Microsoft.Extensions.Configuration.IConfiguration configuration, SimulatedTelephonyOptions options)
    {
        if (int.TryParse(configuration["SIMULATED_TWILIO_PORT"], out var port)) options.Port = port;
        options.DefaultCallee = configuration["SIMULATED_CALLEE"] ?? options.DefaultCallee;
        if (int.TryParse(configuration["SIMULATED_CALLEE_HANGUP_SECONDS"], out var seconds)) options.HangUpAfterSeconds = seconds;
        options.CallerVoice = configuration["SIMULATED_CALLER_VOICE"] ?? options.CallerVoice;
    }

    public IEnumerable<string> Validate()
    {
        if (Port is < 0 or > 65535) yield return $"SIMULATED_TWILIO_PORT must be 0-65535, got {Port}.";
        if (HangUpAfterSeconds < 1) yield return $"SIMULATED_CALLEE_HANGUP_SECONDS must be at least 1, got {HangUpAfterSeconds}.";
        if (!CallerVoice.Equals("espeak", StringComparison.OrdinalIgnoreCase) && !CallerVoice.Equals("flite", StringComparison.OrdinalIgnoreCase))
            yield return $"SIMULATED_CALLER_VOICE must be espeak or flite, got '{CallerVoice}'.";
        if (CalleePresets.Get(DefaultCallee, TimeSpan.FromSeconds(1)) is null)
            yield return $"SIMULATED_CALLEE '{DefaultCallee}' is unknown; use one of: {string.Join(", ", CalleePresets.Names)}.";
    }
}
