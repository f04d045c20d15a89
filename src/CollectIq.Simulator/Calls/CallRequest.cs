namespace CollectIq.Simulator.Calls;

/// <summary>The form fields of a Calls.json create request the stand-in acts on.</summary>
public sealed record CallRequest(
    string To,
    string From,
    Uri? Url,
    string Method,
    string? Twiml,
    Uri? StatusCallback,
    string StatusCallbackMethod,
    IReadOnlySet<string> StatusCallbackEvents,
    TimeSpan Timeout,
    string? MachineDetection,
    bool AsyncAmd,
    Uri? AsyncAmdStatusCallback = null,
    string AsyncAmdStatusCallbackMethod = "POST")
{
    /// <summary>Twilio's default ring timeout when Timeout is absent.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public bool WantsMachineDetection => MachineDetection is "Enable" or "DetectMessageEnd";

    /// <summary>Machine detection reported synchronously: AnsweredBy rides on the voice request and status callbacks.</summary>
    public bool ReportsAnsweredByInline => WantsMachineDetection && !AsyncAmd;

    /// <summary>True when a status callback is due for this Twilio event name (initiated, ringing, answered, completed).</summary>
    public bool WantsCallbackFor(string callbackEvent) =>
        StatusCallback is not null && (callbackEvent == "completed" || StatusCallbackEvents.Contains(callbackEvent));
}
