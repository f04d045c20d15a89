using CollectIq.Domain.Calls;

namespace CollectIq.Outreach.Compliance;

/// <summary>A past call to the payer, reduced to what the calling rules need.</summary>
/// <param name="At">When the call was placed (Call.CreatedAt).</param>
/// <param name="Status">Twilio's final (or current) status word, see <see cref="CallStatuses"/>.</param>
/// <param name="Outcome">What the call achieved, when known.</param>
/// <param name="RightPartyConversation">True when we actually spoke with the payer (not a machine, not a wrong party).</param>
public sealed record CallAttempt(DateTimeOffset At, string Status, CallOutcome? Outcome = null, bool RightPartyConversation = false)
{
    /// <summary>Busy, no answer, failed or a voicemail: worth a retry later.</summary>
    public bool IsUnanswered =>
        Status is CallStatuses.Busy or CallStatuses.NoAnswer or CallStatuses.Failed
        || Outcome is CallOutcome.Voicemail or CallOutcome.NoContact;

    /// <summary>
    /// Derives the attempt from a stored call. A conversation with the right party is a call a human
    /// answered that ended with an outcome other than wrong party / voicemail / no contact.
    /// </summary>
    public static CallAttempt FromCall(Call call)
    {
        var human = call.AnsweredBy is null or "human" or "unknown";
        var talked = call.AnsweredAt is not null || call.Status == CallStatuses.Completed;
        var rightParty = human && talked && call.Outcome is not (null or CallOutcome.WrongParty or CallOutcome.Voicemail or CallOutcome.NoContact);
        return new CallAttempt(call.CreatedAt, call.Status, call.Outcome, rightParty);
    }
}
