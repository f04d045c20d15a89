using CollectIq.Domain.Audit;
using CollectIq.Domain.Calls;
using CollectIq.Outreach.Audit;
using CollectIq.Telephony.Twilio;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CollectIq.Outreach.Voicemail;

/// <summary>
/// Decides what a call answered by a machine gets: the limited-content message, outcome <c>voicemail</c>, an
/// audit entry. The host calls it from the voice webhook (Twilio sends AnsweredBy there when the call was placed
/// with MachineDetection) before connecting the media stream; a human (or "unknown") gets null and the agent.
/// </summary>
public sealed partial class VoicemailResponder(
    ICallRecorder recorder,
    IAuditLog audit,
    IOptions<OutreachOptions> options,
    IOptions<TwilioOptions> twilio,
    TimeProvider time,
    ILogger<VoicemailResponder> logger)
{
    /// <summary>Our caller ID when TWILIO_PHONE_NUMBER is unset (simulated telephony).</summary>
    public const string FallbackCallbackNumber = "+15005550006";

    public VoicemailMessage Message =>
        VoicemailMessage.From(options.Value.Voicemail, twilio.Value.PhoneNumber ?? FallbackCallbackNumber);

    /// <returns>TwiML to answer Twilio with, or null when a person answered.</returns>
    public async Task<string?> RespondAsync(int callId, int? payerId, string? answeredBy, Uri? renderedAudio = null, CancellationToken ct = default)
    {
        if (!AnsweredBy.IsMachine(answeredBy)) return null;
        var message = Message;
        await recorder.RecordEventAsync(callId, "voicemail", $"answered by {answeredBy}; limited-content message left", ct);
        await recorder.SetOutcomeAsync(callId, CallOutcome.Voicemail, null, ct);
        await audit.WriteAsync(new AuditEntry
        {
            At = time.GetUtcNow(), PayerId = payerId, CallId = callId, Action = AuditActions.Voicemail, Actor = "scheduler",
            Reason = $"Answering machine ({answeredBy}): left the limited-content message (no debt details).",
        }, ct);
        LogVoicemail(logger, callId, answeredBy!);
        return VoicemailTwiml.Build(message, renderedAudio);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} answered by {AnsweredBy}: voicemail left.")]
    private static partial void LogVoicemail(ILogger logger, int callId, string answeredBy);
}
