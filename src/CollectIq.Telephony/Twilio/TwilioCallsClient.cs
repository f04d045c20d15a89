using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DomainPhones = CollectIq.Domain.Phones.PhoneNumbers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CollectIq.Telephony.Twilio;

/// <summary>
/// Thin typed client for Twilio's Calls API (the official SDK is not on our registry).
/// Retries (429, 5xx) live in the HttpClient's resilience handler, configured by
/// <see cref="TwilioServiceCollectionExtensions.AddTwilioCallsClient"/>; this class only shapes
/// requests and maps answers.
/// </summary>
public sealed partial class TwilioCallsClient(HttpClient http, IOptions<TwilioOptions> options, ILogger<TwilioCallsClient> logger) : ITwilioCallsClient
{
    /// <summary>Every status Twilio can call back about; Twilio wants the parameter repeated once per event.</summary>
    public static readonly IReadOnlyList<string> StatusCallbackEvents = ["initiated", "ringing", "answered", "completed"];

    private readonly TwilioOptions _options = options.Value;

    public async Task<TwilioCall> CreateCallAsync(CreateCallRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var accountSid = RequireAccountSid();
        var form = BuildCreateCallForm(request);
        LogCreatingCall(logger, DomainPhones.Mask(request.To), request.MachineDetection ?? "none");
        var call = await PostFormAsync($"2010-04-01/Accounts/{Uri.EscapeDataString(accountSid)}/Calls.json", form, cancellationToken).ConfigureAwait(false);
        LogCallCreated(logger, call.Sid, call.Status);
        return call;
    }

    public async Task<TwilioCall> EndCallAsync(string callSid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(callSid);
        var accountSid = RequireAccountSid();
        var call = await PostFormAsync(
            $"2010-04-01/Accounts/{Uri.EscapeDataString(accountSid)}/Calls/{Uri.EscapeDataString(callSid)}.json",
            [new("Status", "completed")], cancellationToken).ConfigureAwait(false);
        LogCallEnded(logger, call.Sid, call.Status);
        return call;
    }

    public async Task<TwilioCall> GetCallAsync(string callSid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(callSid);
        var accountSid = RequireAccountSid();
        using var message = new HttpRequestMessage(HttpMethod.Get,
            $"2010-04-01/Accounts/{Uri.EscapeDataString(accountSid)}/Calls/{Uri.EscapeDataString(callSid)}.json");
        var call = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        LogCallFetched(logger, call.Sid, call.Status);
        return call;
    }

    /// <summary>The form fields of a create-call request, in the order we send them (public for the stand-in's tests).</summary>
    public static List<KeyValuePair<string, string>> BuildCreateCallForm(CreateCallRequest request)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("To", request.To),
            new("From", request.From),
            new("Url", request.Url.AbsoluteUri),
            new("Method", "POST"),
            new("StatusCallback", request.StatusCallback.AbsoluteUri),
            new("StatusCallbackMethod", "POST"),
        };
        foreach (var statusEvent in StatusCallbackEvents) form.Add(new("StatusCallbackEvent", statusEvent));
        form.Add(new("Timeout", request.TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (!string.IsNullOrWhiteSpace(request.MachineDetection))
        {
            form.Add(new("MachineDetection", request.MachineDetection));
            if (request.AsyncAmdStatusCallback is not null)
            {
                form.Add(new("AsyncAmd", "true"));
                form.Add(new("AsyncAmdStatusCallback", request.AsyncAmdStatusCallback.AbsoluteUri));
                form.Add(new("AsyncAmdStatusCallbackMethod", "POST"));
            }
        }
        return form;
    }

    private string RequireAccountSid() =>
        string.IsNullOrWhiteSpace(_options.AccountSid)
            ? throw new InvalidOperationException("TWILIO_ACCOUNT_SID is not set: telephony is simulated, there is no Twilio account to call through.")
            : _options.AccountSid;

    private async Task<TwilioCall> PostFormAsync(string relativePath, List<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        // A fresh request per call: the resilience handler clones nothing, it re-sends this message,
        // and FormUrlEncodedContent can be read more than once.
        using var message = new HttpRequestMessage(HttpMethod.Post, relativePath) { Content = new FormUrlEncodedContent(form) };
        return await SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TwilioCall> SendAsync(HttpRequestMessage message, CancellationToken cancellationToken)
    {
        message.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.AccountSid}:{_options.AuthToken}")));
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var error = MapError(response.StatusCode, body);
            LogTwilioError(logger, (int)response.StatusCode, error.Code, error.TwilioMessage);
            throw error;
        }
        return ParseCall(body, (int)response.StatusCode);
    }

    /// <summary>Twilio's <c>{code,message,more_info,status}</c>, or a plain description when the body is not that.</summary>
    public static TwilioApiException MapError(HttpStatusCode statusCode, string body)
    {
        var status = (int)statusCode;
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                int? code = root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var ci) ? ci : null;
                var text = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                var more = root.TryGetProperty("more_info", out var mi) && mi.ValueKind == JsonValueKind.String ? mi.GetString() : null;
                if (root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out var si)) status = si;
                if (code is not null || text is not null)
                    return new TwilioApiException(status, code, text ?? statusCode.ToString(), more);
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, an empty body): fall through to a plain message.
        }
        var snippet = body.Length > 200 ? body[..200] + "…" : body;
        return new TwilioApiException(status, null,
            string.IsNullOrWhiteSpace(snippet) ? $"{(int)statusCode} {statusCode} with an empty body" : snippet.Trim(), null);
    }

    private static TwilioCall ParseCall(string body, int status)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            var sid = root.TryGetProperty("sid", out var s) ? s.GetString() : null;
            if (string.IsNullOrEmpty(sid)) throw new TwilioApiException(status, null, "Twilio answered without a call sid.", null);
            return new TwilioCall(
                sid,
                root.TryGetProperty("status", out var st) ? st.GetString() ?? "queued" : "queued",
                root.TryGetProperty("to", out var to) ? to.GetString() : null,
                root.TryGetProperty("from", out var from) ? from.GetString() : null,
                ReadDuration(root),
                root.TryGetProperty("answered_by", out var by) && by.ValueKind == JsonValueKind.String ? by.GetString() : null);
        }
        catch (JsonException ex)
        {
            throw new TwilioApiException(status, null, "Twilio answered with a body that is not JSON: " + ex.Message, null);
        }
    }

    /// <summary>Twilio renders <c>duration</c> as a string of seconds ("42"), or null while the call is live.</summary>
    private static int? ReadDuration(JsonElement root)
    {
        if (!root.TryGetProperty("duration", out var d)) return null;
        if (d.ValueKind == JsonValueKind.Number && d.TryGetInt32(out var n)) return n;
        return d.ValueKind == JsonValueKind.String && int.TryParse(d.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : null;
    }

    [LoggerMessage(EventId = 3104, Level = LogLevel.Debug, Message = "Twilio call {CallSid} fetched, status {Status}")]
    private static partial void LogCallFetched(ILogger logger, string callSid, string status);

    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Creating Twilio call to {MaskedTo} (machine detection: {MachineDetection})")]
    private static partial void LogCreatingCall(ILogger logger, string maskedTo, string machineDetection);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Twilio call {CallSid} created, status {Status}")]
    private static partial void LogCallCreated(ILogger logger, string callSid, string status);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Twilio call {CallSid} ended, status {Status}")]
    private static partial void LogCallEnded(ILogger logger, string callSid, string status);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Twilio answered {HttpStatus} with error {Code}: {TwilioMessage}")]
    private static partial void LogTwilioError(ILogger logger, int httpStatus, int? code, string twilioMessage);
}
