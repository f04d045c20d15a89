using CollectIq.Telephony.Twilio;

namespace CollectIq.Web.Twilio;

/// <summary>
/// Registered only when no real client is (TryAdd): outreach then answers 502 with this explanation
/// instead of the service failing to start. The telephony wiring replaces it with <c>AddTwilioCallsClient</c>.
/// </summary>
internal sealed class UnwiredTwilioCallsClient : ITwilioCallsClient
{
    private const string Explanation = "No Twilio calls client is configured in this build (telephony not wired).";

    public Task<TwilioCall> CreateCallAsync(CreateCallRequest request, CancellationToken cancellationToken = default) =>
        throw new TwilioApiException(503, null, Explanation, null);

    public Task<TwilioCall> EndCallAsync(string callSid, CancellationToken cancellationToken = default) =>
        throw new TwilioApiException(503, null, Explanation, null);
}
