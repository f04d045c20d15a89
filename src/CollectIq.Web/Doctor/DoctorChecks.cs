using System.Diagnostics;
using System.Net.WebSockets;
using CollectIq.Telephony.MediaStreams;
using CollectIq.Telephony.MediaStreams.Authentication;
using CollectIq.Telephony.Twilio;
using Microsoft.Extensions.Options;

namespace CollectIq.Web.Doctor;

/// <summary>
/// Checks what the first version got wrong, from the outside in, the way Twilio would: PUBLIC_URL answers
/// GET /health, and a WebSocket upgrade to the media stream through PUBLIC_URL, signed with our auth
/// token like Twilio signs it, answers 101. Used by the settings page and <c>doctor</c> on the command line.
/// </summary>
public sealed class DoctorChecks(IHttpClientFactory httpClients, IOptionsMonitor<TwilioOptions> twilio)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<IReadOnlyList<DoctorCheck>> RunAsync(CancellationToken ct = default) =>
        [await CheckHealthAsync(ct), await CheckMediaStreamAsync(ct)];

    public async Task<DoctorCheck> CheckHealthAsync(CancellationToken ct)
    {
        const string name = "PUBLIC_URL reachable";
        var options = twilio.CurrentValue;
        if (string.IsNullOrWhiteSpace(options.PublicUrl))
            return new DoctorCheck(name, false, "PUBLIC_URL is not set.", "Set PUBLIC_URL (or NGROK_URL) to the https address Twilio reaches us at.");
        var url = options.Public("/health");
        using var client = httpClients.CreateClient(nameof(DoctorChecks));
        client.Timeout = Timeout;
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await client.GetAsync(url, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            return response.IsSuccessStatusCode
                ? new DoctorCheck(name, true, $"GET {url} answered {(int)response.StatusCode} \"{Clip(body)}\" in {watch.ElapsedMilliseconds} ms.")
                : new DoctorCheck(name, false, $"GET {url} answered {(int)response.StatusCode} \"{Clip(body)}\".", "Is the tunnel pointing at this service's port?");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return new DoctorCheck(name, false, $"GET {url} failed: {ex.Message}", "Start the tunnel (ngrok http <port>) and set PUBLIC_URL to its https address.");
        }
    }

    public async Task<DoctorCheck> CheckMediaStreamAsync(CancellationToken ct)
    {
        const string name = "Media stream WebSocket (101)";
        var options = twilio.CurrentValue;
        var url = options.PublicWebSocket(MediaStreamEndpointRouteBuilderExtensions.DefaultPath);
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (!string.IsNullOrEmpty(options.AuthToken))
            socket.Options.SetRequestHeader(TwilioSignatureAuthenticator.HeaderName, TwilioSignature.Compute(options.AuthToken, url.AbsoluteUri));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        try
        {
            await socket.ConnectAsync(url, timeout.Token);
            var status = (int)socket.HttpStatusCode;
            // We only wanted the handshake; closing before "start" ends the session quietly.
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "doctor", timeout.Token);
            return new DoctorCheck(name, true, $"{url} answered {status} Switching Protocols to a Twilio-signed handshake.");
        }
        catch (WebSocketException ex)
        {
            var status = (int)socket.HttpStatusCode;
            var fix = status switch
            {
                403 => "The signature was refused: TWILIO_AUTH_TOKEN or PUBLIC_URL differ from what Twilio uses.",
                404 or 426 => "The upgrade does not reach the media-stream route (Twilio error 31920).",
                0 => "Nothing answered: is PUBLIC_URL reachable?",
                _ => "Twilio needs 101 Switching Protocols here (error 31920 otherwise).",
            };
            return new DoctorCheck(name, false, $"{url} did not upgrade (HTTP {(status == 0 ? "none" : status.ToString())}): {ex.Message}", fix);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new DoctorCheck(name, false, $"{url} did not answer within {Timeout.TotalSeconds:0} s.", "Twilio gives up too (error 31901).");
        }
    }

    private static string Clip(string text) => text.Length <= 60 ? text.Trim() : text[..60].Trim() + "…";
}
