namespace CollectIq.Telephony.Twilio;

/// <summary>
/// How the Calls client retries 429 and 5xx (never other 4xx). Bound from configuration section
/// <c>Twilio:Retry</c>; defaults suit Twilio's 1 call/s default rate.
/// </summary>
public sealed class TwilioRetryOptions
{
    public const string SectionName = "Twilio:Retry";

    /// <summary>Retries after the first attempt.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First backoff; doubled on each retry, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap for both the computed backoff and a server's Retry-After.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of one attempt (the whole request may take up to MaxRetries+1 of these plus delays).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public IEnumerable<string> Validate()
    {
        if (MaxRetries is < 0 or > 10) yield return $"Twilio:Retry:MaxRetries must be 0..10, got {MaxRetries}.";
        if (BaseDelay < TimeSpan.Zero) yield return "Twilio:Retry:BaseDelay must not be negative.";
        if (MaxDelay < BaseDelay) yield return "Twilio:Retry:MaxDelay must be at least BaseDelay.";
        if (AttemptTimeout <= TimeSpan.Zero) yield return "Twilio:Retry:AttemptTimeout must be positive.";
    }
}
