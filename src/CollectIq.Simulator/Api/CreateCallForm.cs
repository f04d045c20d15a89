using System.Globalization;
using System.Text.RegularExpressions;
using DomainPhones = CollectIq.Domain.Phones.PhoneNumbers;
using CollectIq.Simulator.Calls;
using Microsoft.AspNetCore.Http;

namespace CollectIq.Simulator.Api;

/// <summary>Validates a Calls.json create form the way Twilio does, with Twilio's error codes.</summary>
internal static partial class CreateCallForm
{
    private static readonly HashSet<string> CallbackEvents = ["initiated", "ringing", "answered", "completed"];

    [GeneratedRegex(@"^\+[1-9]\d{6,14}$")]
    private static partial Regex E164();

    /// <summary>The request, or Twilio's error for the first invalid field.</summary>
    public static (CallRequest? Request, IResult? Error) Parse(IFormCollection form)
    {
        var to = form["To"].ToString().Trim();
        var from = form["From"].ToString().Trim();
        if (to.Length == 0) return Fail(21201, "No 'To' number is specified");
        if (!E164().IsMatch(to)) return Fail(21211, $"Invalid 'To' Phone Number: {DomainPhones.Mask(to)} (expected E.164, e.g. +14155550100)");
        if (from.Length == 0) return Fail(21603, "A 'From' phone number is required.");
        if (!E164().IsMatch(from)) return Fail(21212, $"Invalid 'From' Phone Number: {DomainPhones.Mask(from)} (expected E.164)");

        var twiml = NullIfEmpty(form["Twiml"].ToString());
        var urlText = NullIfEmpty(form["Url"].ToString());
        Uri? url = null;
        if (twiml is null)
        {
            if (urlText is null) return Fail(21205, "Url parameter is required (or Twiml).");
            if (!TryHttpUrl(urlText, out url)) return Fail(21205, $"Url is not a valid http(s) URL: {urlText}");
        }

        Uri? statusCallback = null;
        if (NullIfEmpty(form["StatusCallback"].ToString()) is { } callbackText && !TryHttpUrl(callbackText, out statusCallback))
            return Fail(21609, $"Invalid StatusCallback url: {callbackText}");

        var events = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in form["StatusCallbackEvent"])
        {
            foreach (var e in (value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!CallbackEvents.Contains(e)) return Fail(21626, $"Invalid StatusCallbackEvent '{e}': use initiated, ringing, answered, completed.");
                events.Add(e);
            }
        }

        var timeout = CallRequest.DefaultTimeout;
        if (NullIfEmpty(form["Timeout"].ToString()) is { } timeoutText)
        {
            if (!int.TryParse(timeoutText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) || seconds < 1)
                return Fail(21215, $"Invalid Timeout '{timeoutText}': a whole number of seconds, 1 to 600.");
            timeout = TimeSpan.FromSeconds(Math.Min(seconds, 600)); // Twilio caps it at 600
        }

        var machineDetection = NullIfEmpty(form["MachineDetection"].ToString());
        if (machineDetection is not null and not "Enable" and not "DetectMessageEnd")
            return Fail(21268, $"Invalid MachineDetection '{machineDetection}': use Enable or DetectMessageEnd.");

        var asyncAmd = string.Equals(form["AsyncAmd"].ToString(), "true", StringComparison.OrdinalIgnoreCase);
        Uri? amdCallback = null;
        if (NullIfEmpty(form["AsyncAmdStatusCallback"].ToString()) is { } amdText && !TryHttpUrl(amdText, out amdCallback))
            return Fail(21609, $"Invalid AsyncAmdStatusCallback url: {amdText}");

        var request = new CallRequest(
            to, from, url,
            Method(form["Method"].ToString()),
            twiml,
            statusCallback,
            Method(form["StatusCallbackMethod"].ToString()),
            events,
            timeout,
            machineDetection,
            asyncAmd,
            amdCallback,
            Method(form["AsyncAmdStatusCallbackMethod"].ToString()));
        return (request, null);
    }

    private static (CallRequest?, IResult?) Fail(int code, string message) => (null, TwilioErrors.Error(400, code, message));

    private static string Method(string value) => value.Equals("GET", StringComparison.OrdinalIgnoreCase) ? "GET" : "POST";

    private static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool TryHttpUrl(string text, out Uri? url) =>
        Uri.TryCreate(text, UriKind.Absolute, out url) && url.Scheme is "http" or "https";
}
