using CollectIq.Telephony.MediaStreams.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace CollectIq.Web.Operators;

/// <summary>
/// Lets the browser softphone open the media stream with the operator's sign-in cookie instead of a
/// Twilio signature. The browser always sends Origin on a WebSocket handshake; it must be our own host,
/// so another site cannot ride on the operator's cookie (cross-site WebSocket hijacking).
/// </summary>
public sealed class OperatorSessionMediaStreamAuthenticator : IMediaStreamAuthenticator
{
    public string Name => "operator-session";

    public async ValueTask<MediaStreamAuthenticationResult> AuthenticateAsync(HttpContext context, string streamPath, CancellationToken cancellationToken)
    {
        var result = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!result.Succeeded || result.Principal?.Identity?.Name is not { Length: > 0 } name)
            return MediaStreamAuthenticationResult.NoResult("no operator session cookie");
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && (!Uri.TryCreate(origin, UriKind.Absolute, out var originUri)
            || !string.Equals(originUri.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase)))
            return MediaStreamAuthenticationResult.Fail($"Origin {origin} is not this site");
        return MediaStreamAuthenticationResult.Success(name);
    }
}
