using System.Net;
using System.Net.WebSockets;
using System.Text.RegularExpressions;
using CollectIq.Web.Operators;
using CollectIq.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CollectIq.Web.Tests.Operators;

/// <summary>The softphone's way into the media stream: an operator's session cookie, from our own origin only.</summary>
public sealed class OperatorSessionMediaStreamTests
{
    private const string Email = "sockets@example.com";
    private const string Password = "Sockets-Passw0rd";

    [Fact]
    public async Task Handshake_SessionCookieFromOwnOrigin_Answers101()
    {
        await using var app = await TestApp.StartAsync(simulated: true);
        var cookie = await SignInAsync(app);

        var status = await HandshakeAsync(app, cookie, origin: app.BaseAddress.GetLeftPart(UriPartial.Authority));

        Assert.Equal(HttpStatusCode.SwitchingProtocols, status);
    }

    [Fact]
    public async Task Handshake_SessionCookieFromAnotherSite_Refused403()
    {
        await using var app = await TestApp.StartAsync(simulated: true);
        var cookie = await SignInAsync(app);

        Assert.Equal(HttpStatusCode.Forbidden, await HandshakeAsync(app, cookie, origin: "https://evil.example"));
    }

    [Fact]
    public async Task Handshake_NoCookieNoSignature_Refused403()
    {
        await using var app = await TestApp.StartAsync(simulated: true);

        Assert.Equal(HttpStatusCode.Forbidden, await HandshakeAsync(app, cookie: null, origin: null));
    }

    private static async Task<string> SignInAsync(TestApp app)
    {
        Assert.Empty(await app.Services.GetRequiredService<OperatorAccounts>().CreateAsync(Email, Password, isAdmin: false));
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        var form = await client.GetStringAsync("/login");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);
        var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.Email"] = Email,
            ["Input.Password"] = Password,
        }));
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther, $"sign-in answered {(int)response.StatusCode}");
        var session = cookies.GetCookies(app.BaseAddress)["collectiq.session"];
        Assert.NotNull(session);
        return $"{session.Name}={session.Value}";
    }

    private static async Task<HttpStatusCode> HandshakeAsync(TestApp app, string? cookie, string? origin)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (cookie is not null) socket.Options.SetRequestHeader("Cookie", cookie);
        if (origin is not null) socket.Options.SetRequestHeader("Origin", origin);
        var url = new UriBuilder(app.BaseAddress) { Scheme = "ws", Path = "/collect-iq/media-stream" }.Uri;
        try
        {
            await socket.ConnectAsync(url, CancellationToken.None);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "test", CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // The status code below says why.
        }
        return socket.HttpStatusCode;
    }
}
