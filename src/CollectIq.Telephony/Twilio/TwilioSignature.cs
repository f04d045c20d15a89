using System.Security.Cryptography;
using System.Text;

namespace CollectIq.Telephony.Twilio;

/// <summary>
/// Twilio's request signature (X-Twilio-Signature): HMAC-SHA1, keyed by the auth token, over the
/// full URL followed by each POST parameter name and value in the names' ordinal order; base64.
/// Matches the official helper libraries, including their leniency about an explicit default port.
/// </summary>
public static class TwilioSignature
{
    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>>? parameters = null)
    {
        var data = new StringBuilder(url);
        if (parameters is not null)
        {
            foreach (var (key, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
                data.Append(key).Append(value);
        }
        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString()));
        return Convert.ToBase64String(mac);
    }

    /// <summary>
    /// True when <paramref name="signature"/> is Twilio's for this URL and parameters. Like the official
    /// libraries, the URL is tried as given, with its default port removed and with it added.
    /// A <c>bodySHA256</c> query parameter (JSON bodies) is checked against <paramref name="rawBody"/> when given.
    /// </summary>
    public static bool IsValid(string authToken, string url, IEnumerable<KeyValuePair<string, string>>? parameters, string? signature, string? rawBody = null)
    {
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(authToken)) return false;
        var list = parameters?.ToList() ?? [];
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return false;

        if (rawBody is not null && TryGetQueryValue(uri, "bodySHA256", out var bodyHash))
        {
            var actual = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(rawBody)));
            if (!FixedTimeEquals(actual, bodyHash)) return false;
        }

        foreach (var candidate in Candidates(url, uri))
        {
            if (FixedTimeEquals(Compute(authToken, candidate, list), signature)) return true;
        }
        return false;
    }

    private static IEnumerable<string> Candidates(string url, Uri uri)
    {
        yield return url;
        var defaultPort = uri.Scheme is "https" or "wss" ? 443 : 80;
        var authority = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var pathStart = url.IndexOfAny(['/', '?', '#'], authority);
        if (pathStart < 0) pathStart = url.Length;
        var hostPort = url[authority..pathStart];
        var rest = url[pathStart..];
        var prefix = url[..authority];
        if (hostPort.EndsWith(":" + defaultPort, StringComparison.Ordinal))
            yield return prefix + hostPort[..^(defaultPort.ToString().Length + 1)] + rest;
        else if (!HasPort(hostPort))
            yield return prefix + hostPort + ":" + defaultPort + rest;
    }

    private static bool HasPort(string hostPort)
    {
        var closeBracket = hostPort.LastIndexOf(']');
        return hostPort.LastIndexOf(':') > closeBracket;
    }

    private static bool TryGetQueryValue(Uri uri, string name, out string value)
    {
        foreach (var part in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            if (eq > 0 && part[..eq] == name) { value = Uri.UnescapeDataString(part[(eq + 1)..]); return true; }
        }
        value = "";
        return false;
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
