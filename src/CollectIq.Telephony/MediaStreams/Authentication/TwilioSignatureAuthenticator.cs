using CollectIq.Telephony.Twilio;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CollectIq.Telephony.MediaStreams.Authentication;

/// <summary>
/// Twilio signs the handshake to a &lt;Stream&gt; URL with X-Twilio-Signature over the PUBLIC
/// wss:// URL with no parameters. Kestrel sees http:// on some local port behind ngrok, so the URL
/// is rebuilt from PUBLIC_URL (<see cref="TwilioOptions.PublicWebSocket"/>), never from the request.
/// </summary>
public sealed class TwilioSignatureAuthenticator(IOptionsMonitor<TwilioOptions> options) : IMediaStreamAuthenticator
{
    public const string HeaderName = "X-Twilio-Signature";

    public string Name => "twilio-signature";

    public ValueTask<MediaStreamAuthenticationResult> AuthenticateAsync(HttpContext context, string streamPath, CancellationToken cancellationToken)
    {
        var signature = context.Request.Headers[HeaderName].ToString();
        if (string.IsNullOrEmpty(signature))
            return ValueTask.FromResult(MediaStreamAuthenticationResult.NoResult($"no {HeaderName} header"));
        var twilio = options.CurrentValue;
        if (string.IsNullOrEmpty(twilio.AuthToken))
            return ValueTask.FromResult(MediaStreamAuthenticationResult.Fail("TWILIO_AUTH_TOKEN is not configured, so no Twilio signature can be checked"));
        var url = twilio.PublicWebSocket(streamPath).AbsoluteUri;
        return ValueTask.FromResult(TwilioSignature.IsValid(twilio.AuthToken, url, null, signature)
            ? MediaStreamAuthenticationResult.Success("twilio")
            : MediaStreamAuthenticationResult.Fail($"{HeaderName} does not match {url}"));
    }
}
