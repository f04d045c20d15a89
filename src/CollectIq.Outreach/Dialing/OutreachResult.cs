namespace CollectIq.Outreach.Dialing;

/// <summary>How <see cref="OutreachService.PlaceCallAsync"/> ended.</summary>
public abstract record OutreachResult
{
    /// <summary>Twilio accepted the call; <paramref name="CallId"/> is ours, <paramref name="CallSid"/> Twilio's.</summary>
    public sealed record Placed(int CallId, string CallSid) : OutreachResult;

    public sealed record PayerNotFound(int PayerId) : OutreachResult;

    /// <summary>A guard said no; nothing was dialled.</summary>
    public sealed record Refused(OutreachRefusal Refusal) : OutreachResult;

    /// <summary>Twilio (or the way to it) failed; the call record exists and is marked failed.</summary>
    public sealed record TelephonyFailed(int CallId, string Message, int? TwilioCode) : OutreachResult;
}
