namespace CollectIq.Telephony.Twilio;

/// <summary>
/// Twilio settings, by the names users already have in their .env: TWILIO_ACCOUNT_SID,
/// TWILIO_AUTH_TOKEN, TWILIO_PHONE_NUMBER, PUBLIC_URL (alias NGROK_URL), TWILIO_API_BASE_URL.
/// Without an account SID the service runs with simulated telephony (the in-process stand-in).
/// </summary>
public sealed class TwilioOptions
{
    public string? AccountSid { get; set; }
    public string? AuthToken { get; set; }
    /// <summary>Our caller ID, E.164.</summary>
    public string? PhoneNumber { get; set; }
    /// <summary>The public base URL Twilio reaches us at (https://….ngrok.app); webhooks and the stream URL derive from it.</summary>
    public string? PublicUrl { get; set; }
    public string ApiBaseUrl { get; set; } = "https://api.twilio.com";
    /// <summary>Seconds Twilio lets the phone ring.</summary>
    public int RingTimeoutSeconds { get; set; } = 30;

    public bool IsSimulated => string.IsNullOrWhiteSpace(AccountSid);

    /// <summary>Reads the flat environment-style names (TWILIO_*, PUBLIC_URL, NGROK_URL) from configuration.</summary>
    public static void Bind(Microsoft.Extensions.Configuration.IConfiguration configuration, TwilioOptions options)
    {
        options.AccountSid = configuration["TWILIO_ACCOUNT_SID"] ?? options.AccountSid;
        options.AuthToken = configuration["TWILIO_AUTH_TOKEN"] ?? options.AuthToken;
        options.PhoneNumber = configuration["TWILIO_PHONE_NUMBER"] ?? options.PhoneNumber;
        options.PublicUrl = configuration["PUBLIC_URL"] ?? configuration["NGROK_URL"] ?? options.PublicUrl;
        options.ApiBaseUrl = configuration["TWILIO_API_BASE_URL"] ?? options.ApiBaseUrl;
        if (int.TryParse(configuration["TWILIO_RING_TIMEOUT_SECONDS"], out var ring)) options.RingTimeoutSeconds = ring;
    }

    /// <summary>Problems a person can fix, one per line; empty when valid.</summary>
    public IEnumerable<string> Validate()
    {
        if (IsSimulated) yield break;
        if (string.IsNullOrWhiteSpace(AuthToken)) yield return "TWILIO_AUTH_TOKEN is required when TWILIO_ACCOUNT_SID is set.";
        if (string.IsNullOrWhiteSpace(PhoneNumber)) yield return "TWILIO_PHONE_NUMBER is required when TWILIO_ACCOUNT_SID is set.";
        if (string.IsNullOrWhiteSpace(PublicUrl)) yield return "PUBLIC_URL (or NGROK_URL) is required when TWILIO_ACCOUNT_SID is set: Twilio must reach our webhooks.";
        else if (!Uri.TryCreate(PublicUrl, UriKind.Absolute, out var u) || (u.Scheme != "https" && u.Scheme != "http"))
            yield return $"PUBLIC_URL must be an absolute http(s) URL, got '{PublicUrl}'.";
        if (!Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out _)) yield return $"TWILIO_API_BASE_URL must be an absolute URL, got '{ApiBaseUrl}'.";
    }

    /// <summary>An absolute URL on our public base, e.g. Public("/collect-iq/voice").</summary>
    public Uri Public(string pathAndQuery)
    {
        var root = (PublicUrl ?? "http://127.0.0.1:5080").TrimEnd('/');
        return new Uri(root + pathAndQuery);
    }

    /// <summary>The WebSocket form of a public URL: wss:// for https, ws:// for http (local tests).</summary>
    public Uri PublicWebSocket(string path)
    {
        var http = Public(path);
        var builder = new UriBuilder(http) { Scheme = http.Scheme == "https" ? "wss" : "ws" };
        if (http.IsDefaultPort) builder.Port = -1;
        return builder.Uri;
    }
}
