namespace CollectIq.Outreach.Scheduling;

/// <summary>
/// Places a call through the same path as the operator's "Send Outreach" (bound by the host to the data
/// layer's OutreachService), so the call is recorded, guarded and streamed like any other.
/// </summary>
public interface IOutreachDialer
{
    Task<OutreachDialResult> DialAsync(OutreachDialRequest request, CancellationToken cancellationToken = default);

    /// <summary>Calls queued, ringing or in progress right now, across the service (for the concurrency cap).</summary>
    Task<int> CountActiveCallsAsync(CancellationToken cancellationToken = default);
}

/// <param name="RequestedBy">"scheduler" for automatic calls.</param>
/// <param name="MachineDetection">Twilio AMD mode for the call ("DetectMessageEnd"), so a machine gets the limited-content voicemail.</param>
/// <param name="Why">Why this payer is called now, for the call record and the audit log.</param>
public sealed record OutreachDialRequest(int PayerId, string RequestedBy, string? MachineDetection, string Why);

public sealed record OutreachDialResult(bool Placed, int? CallId, string? Refusal)
{
    public static OutreachDialResult Ok(int callId) => new(true, callId, null);
    public static OutreachDialResult Refused(string reason) => new(false, null, reason);
}
