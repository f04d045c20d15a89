using System.Net;
using CollectIq.Telephony.Twilio;

namespace CollectIq.Telephony.Tests.MediaStreams;

public sealed class MediaStreamEndpointTests : IAsyncLifetime
{
    private MediaStreamTestHost _host = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => _host = await MediaStreamTestHost.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Get_WithoutUpgrade_Answers426WithPlainExplanation()
    {
        using var response = await _http.GetAsync(_host.HttpUri);

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("WebSocket", body);
        Assert.Contains(MediaStreamTestHost.Path, body);
        Assert.Contains("websocket", response.Headers.Upgrade.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Post_ToStreamPath_Answers405PointingToVoiceWebhook()
    {
        using var response = await _http.PostAsync(_host.HttpUri, new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("/collect-iq/voice", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_WrongPath_IsNotFoundNotUpgradeRequired()
    {
        using var response = await _http.GetAsync(new Uri(_host.Server.BaseAddress, "collect-iq/mediastream"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Handshake_ValidSignatureOverPublicWssUrl_Accepted()
    {
        Assert.Equal(101, await TwilioStreamClient.HandshakeStatusAsync(_host.StreamUri, MediaStreamTestHost.ValidSignature));
    }

    [Fact]
    public async Task Handshake_MissingSignature_Answers403()
    {
        Assert.Equal(403, await TwilioStreamClient.HandshakeStatusAsync(_host.StreamUri, null));
    }

    [Fact]
    public async Task Handshake_SignatureOverWhatKestrelSees_Answers403()
    {
        // Signed over the local http/ws URL instead of the public wss:// one: the proxy mistake.
        var local = TwilioSignature.Compute(MediaStreamTestHost.AuthToken, _host.StreamUri.AbsoluteUri);
        var https = TwilioSignature.Compute(MediaStreamTestHost.AuthToken, MediaStreamTestHost.PublicUrl + MediaStreamTestHost.Path);

        Assert.Equal(403, await TwilioStreamClient.HandshakeStatusAsync(_host.StreamUri, local));
        Assert.Equal(403, await TwilioStreamClient.HandshakeStatusAsync(_host.StreamUri, https));
    }

    [Fact]
    public async Task Handshake_SignatureWithWrongToken_Answers403()
    {
        var wrong = TwilioSignature.Compute("not-the-token", "wss://abc123.ngrok-free.app" + MediaStreamTestHost.Path);

        Assert.Equal(403, await TwilioStreamClient.HandshakeStatusAsync(_host.StreamUri, wrong));
        Assert.Equal(0, _host.Sessions.OpenCount);
    }
}
