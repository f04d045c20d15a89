using CollectIq.Telephony.MediaStreams.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CollectIq.Telephony.Tests.MediaStreams.Authentication;

public sealed class MediaStreamAuthenticationTests
{
    /// <summary>Stands in for the later browser softphone: accepts a handshake carrying its own credential.</summary>
    private sealed class OperatorHeaderAuthenticator : IMediaStreamAuthenticator
    {
        public string Name => "operator-session";

        public ValueTask<MediaStreamAuthenticationResult> AuthenticateAsync(HttpContext context, string streamPath, CancellationToken cancellationToken)
        {
            var value = context.Request.Headers["X-Test-Operator"].ToString();
            return ValueTask.FromResult(value switch
            {
                "" => MediaStreamAuthenticationResult.NoResult("no operator session"),
                "alice" => MediaStreamAuthenticationResult.Success("alice"),
                _ => MediaStreamAuthenticationResult.Fail("unknown operator"),
            });
        }
    }

    private static async Task<int> HandshakeAsync(MediaStreamTestHost host, string? operatorName, string? signature)
    {
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (operatorName is not null) socket.Options.SetRequestHeader("X-Test-Operator", operatorName);
        if (signature is not null) socket.Options.SetRequestHeader("X-Twilio-Signature", signature);
        try
        {
            await socket.ConnectAsync(host.StreamUri, CancellationToken.None);
            await socket.CloseOutputAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        }
        catch (System.Net.WebSockets.WebSocketException)
        {
        }
        return (int)socket.HttpStatusCode;
    }

    [Fact]
    public async Task Handshake_SecondAuthenticatorRegistered_EitherCredentialOpensTheStream()
    {
        await using var host = await MediaStreamTestHost.StartAsync(configureServices: s => s.AddSingleton<IMediaStreamAuthenticator, OperatorHeaderAuthenticator>());

        Assert.Equal(101, await HandshakeAsync(host, "alice", null));
        Assert.Equal(101, await HandshakeAsync(host, null, MediaStreamTestHost.ValidSignature));
        Assert.Equal(403, await HandshakeAsync(host, "mallory", null));
        Assert.Equal(403, await HandshakeAsync(host, null, null));
    }

    [Fact]
    public async Task Handshake_HostAlreadyUsesWebSockets_StillWorks()
    {
        await using var host = await MediaStreamTestHost.StartAsync(beforeMap: app => app.UseWebSockets());

        Assert.Equal(101, await HandshakeAsync(host, null, MediaStreamTestHost.ValidSignature));
    }

    [Fact]
    public async Task Handshake_NoAuthTokenConfigured_Refused()
    {
        await using var host = await MediaStreamTestHost.StartAsync(new() { ["TWILIO_ACCOUNT_SID"] = null, ["TWILIO_AUTH_TOKEN"] = null });

        Assert.Equal(403, await HandshakeAsync(host, null, MediaStreamTestHost.ValidSignature));
    }
}
