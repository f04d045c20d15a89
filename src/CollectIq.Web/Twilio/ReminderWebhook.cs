using System.Text.Json;
using CollectIq.Data;
using CollectIq.Domain.Calls;
using CollectIq.Telephony.Twilio;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CollectIq.Web.Twilio;

/// <summary>
/// POST /collect-iq/handle-reminder: the keypress menu's action (and its entry point). The digit the
/// payer pressed becomes the call's outcome.
/// </summary>
internal static partial class ReminderWebhook
{
    public static async Task<IResult> HandleAsync(
        HttpRequest request, IDbContextFactory<CollectIqDbContext> contexts, ICallRecorder recorder,
        IOptionsMonitor<TwilioOptions> twilio, ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger(typeof(ReminderWebhook));
        var form = await request.ReadFormAsync(ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var call = await WebhookCalls.FindAsync(db, request, form, ct);
        if (call is null)
        {
            LogUnknownCall(logger, request.Query["callId"].ToString());
            return TwilioWebhooks.Twiml(ReminderMenu.Goodbye("Sorry, we could not find the reason for this call. Goodbye."));
        }
        var payer = await db.Payers.AsNoTracking().FirstAsync(p => p.Id == call.PayerId, ct);
        var options = twilio.CurrentValue;
        var digits = form["Digits"].ToString();
        if (digits.Length == 0)
            return TwilioWebhooks.Twiml(ReminderMenu.Build(call.Id, payer, options, greet: true));

        await recorder.RecordEventAsync(call.Id, "dtmf", $"menu digit {digits}", ct);
        var choice = digits[..1];
        (CallOutcome Outcome, string Reply)? chosen = choice switch
        {
            "1" => (CallOutcome.PromiseToPay, "Thank you. We will send you a secure payment link by text message, where you can pay now or choose a payment date. Goodbye."),
            "2" => (CallOutcome.AlreadyPaid, "Thank you for letting us know. We will check our records and update your account. Goodbye."),
            "3" => (CallOutcome.Dispute, "We have noted that you dispute this balance. A member of our team will contact you. Goodbye."),
            _ => null,
        };
        if (chosen is { } result)
        {
            var detail = JsonSerializer.Serialize(new { source = "keypress", digit = choice });
            await recorder.SetOutcomeAsync(call.Id, result.Outcome, detail, ct);
            LogChoice(logger, call.Id, result.Outcome.ToWire());
            return TwilioWebhooks.Twiml(ReminderMenu.Goodbye(result.Reply));
        }
        var preface = choice == "9" ? null : "Sorry, that is not one of the options.";
        return TwilioWebhooks.Twiml(ReminderMenu.Build(call.Id, payer, options, greet: false, preface));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: keypress outcome {Outcome}")]
    private static partial void LogChoice(ILogger logger, int callId, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder webhook for unknown call (callId '{CallId}')")]
    private static partial void LogUnknownCall(ILogger logger, string callId);
}
