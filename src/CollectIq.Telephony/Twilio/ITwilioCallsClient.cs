namespace CollectIq.Telephony.Twilio;

/// <summary>
/// The part of Twilio's Calls API CollectIQ uses. Implemented by <c>TwilioCallsClient</c> over
/// HTTP (real Twilio, or the stand-in through TWILIO_API_BASE_URL).
/// </summary>
public interface ITwilioCallsClient
{
    /// <summary>POST /2010-04-01/Accounts/{sid}/Calls.json. Throws <see cref="TwilioApiException"/> on a Twilio error.</summary>
    Task<TwilioCall> CreateCallAsync(CreateCallRequest request, CancellationToken cancellationToken = default);

    /// <summary>POST /2010-04-01/Accounts/{sid}/Calls/{callSid}.json with Status=completed.</summary>
    Task<TwilioCall> EndCallAsync(string callSid, CancellationToken cancellationToken = default);

    /// <summary>
    /// GET /2010-04-01/Accounts/{sid}/Calls/{callSid}.json: the call as Twilio knows it now (status, duration, answered by).
    /// Throws <see cref="TwilioApiException"/> (HttpStatus 404, code 20404) when Twilio does not know the sid.
    /// </summary>
    Task<TwilioCall> GetCallAsync(string callSid, CancellationToken cancellationToken = default);
}

/// <summary>What we ask Twilio for when dialing a payer.</summary>
public sealed record CreateCallRequest(
    string To,
    string From,
    Uri Url,
    Uri StatusCallback,
    int TimeoutSeconds = 30,
    /// <summary>"Enable" or "DetectMessageEnd" for answering-machine detection; null for none.</summary>
    string? MachineDetection = null,
    Uri? AsyncAmdStatusCallback = null);

/// <summary>Twilio's call resource, the fields we read. <paramref name="DurationSeconds"/> is Twilio's <c>duration</c> (set once the call ended).</summary>
public sealed record TwilioCall(string Sid, string Status, string? To = null, string? From = null, int? DurationSeconds = null, string? AnsweredBy = null);

/// <summary>A Twilio REST error: <c>{"code":21211,"message":"…","more_info":"…","status":400}</c>.</summary>
public sealed class TwilioApiException(int httpStatus, int? code, string message, string? moreInfo)
    : Exception(code is null ? $"Twilio answered {httpStatus}: {message}" : $"Twilio error {code} ({httpStatus}): {message}{(moreInfo is null ? "" : " — see " + moreInfo)}")
{
    public int HttpStatus { get; } = httpStatus;
    public int? Code { get; } = code;
    public string TwilioMessage { get; } = message;
    public string? MoreInfo { get; } = moreInfo;
}
