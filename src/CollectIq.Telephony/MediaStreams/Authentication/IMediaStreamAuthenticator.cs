using Microsoft.AspNetCore.Http;

namespace CollectIq.Telephony.MediaStreams.Authentication;

/// <summary>
/// Decides whether a WebSocket handshake to the media-stream endpoint may open a stream. Several
/// can be registered (Twilio's signature now; an operator's browser softphone with a cookie session
/// later): the first <see cref="MediaStreamAuthenticationOutcome.Success"/> wins; a handshake no
/// authenticator accepts is refused with 403.
/// </summary>
public interface IMediaStreamAuthenticator
{
    /// <summary>Short name for logs ("twilio-signature", "operator-session").</summary>
    string Name { get; }

    /// <param name="streamPath">The path the endpoint was mapped at (e.g. /collect-iq/media-stream), which is what Twilio signed.</param>
    ValueTask<MediaStreamAuthenticationResult> AuthenticateAsync(HttpContext context, string streamPath, CancellationToken cancellationToken);
}

public enum MediaStreamAuthenticationOutcome
{
    /// <summary>This request does not carry this authenticator's credentials (e.g. no X-Twilio-Signature).</summary>
    NoResult,
    Success,
    /// <summary>Credentials present but wrong.</summary>
    Failure,
}

public sealed record MediaStreamAuthenticationResult(MediaStreamAuthenticationOutcome Outcome, string? Principal, string? Reason)
{
    public static MediaStreamAuthenticationResult NoResult(string reason) => new(MediaStreamAuthenticationOutcome.NoResult, null, reason);
    public static MediaStreamAuthenticationResult Success(string principal) => new(MediaStreamAuthenticationOutcome.Success, principal, null);
    public static MediaStreamAuthenticationResult Fail(string reason) => new(MediaStreamAuthenticationOutcome.Failure, null, reason);
}
