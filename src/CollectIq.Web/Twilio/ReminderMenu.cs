using CollectIq.Domain.Payers;
using CollectIq.Telephony.Twilio;
using CollectIq.Telephony.Twilio.TwiML;

namespace CollectIq.Web.Twilio;

/// <summary>The first version's keypress reminder: 1 pay now / promise, 2 already paid, 3 dispute, 9 repeat.</summary>
internal static class ReminderMenu
{
    public const string Options =
        "Press 1 to pay now or to promise a payment. Press 2 if you have already paid. Press 3 to dispute this balance. Press 9 to hear these options again.";

    public static string Build(int callId, Payer payer, TwilioOptions twilio, bool greet, string? preface = null)
    {
        var action = twilio.Public($"{TwilioWebhooks.Prefix}/handle-reminder?callId={callId}");
        return new TwimlResponse()
            .Gather(new GatherOptions(action, NumDigits: 1, TimeoutSeconds: 8), prompt =>
            {
                if (preface is not null) prompt.Say(preface);
                if (greet) prompt.Say($"Hello {payer.ContactName}. This is an automated reminder about an overdue balance on the account of {payer.Name}.");
                prompt.Say(Options);
            })
            .Say("We did not receive a choice. We will try to reach you again. Goodbye.")
            .Hangup()
            .ToXml();
    }

    public static string Goodbye(string text) => new TwimlResponse().Say(text).Hangup().ToXml();
}
