using CollectIq.Data;
using CollectIq.Domain.Calls;
using CollectIq.Outreach.Voicemail;
using CollectIq.Telephony.Twilio;
using CollectIq.Telephony.Twilio.TwiML;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CollectIq.Web.Twilio;

/// <summary>
/// POST /collect-iq/voice: Twilio asks what to do with the answered call. The voice agent gets the
/// audio over &lt;Connect&gt;&lt;Stream&gt; (payerId and callId travel as &lt;Parameter&gt;s: Twilio drops a
/// query string on the stream URL); payers with the agent switched off get the keypress menu.
/// </summary>
internal static partial class VoiceWebhook
{
    public const string MediaStreamPath = "/collect-iq/media-stream";

    public static async Task<IResult> HandleAsync(
        HttpRequest request, IDbContextFactory<CollectIqDbContext> contexts, ICallRecorder recorder,
        IOptionsMonitor<TwilioOptions> twilio, VoicemailResponder voicemail, ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger(typeof(VoiceWebhook));
        var form = await request.ReadFormAsync(ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var call = await WebhookCalls.FindAsync(db, request, form, ct);
        if (call is null)
        {
            LogUnknownCall(logger, request.Query["callId"].ToString(), form["CallSid"].ToString());
            return TwilioWebhooks.Twiml(ReminderMenu.Goodbye("Sorry, we could not find the reason for this call. We apologize for the interruption. Goodbye."));
        }
        var payer = await db.Payers.AsNoTracking().FirstAsync(p => p.Id == call.PayerId, ct);
        var options = twilio.CurrentValue;

        // Answering machine (Twilio AMD, DetectMessageEnd): the limited-content message only, nothing about the debt.
        if (await voicemail.RespondAsync(call.Id, payer.Id, form["AnsweredBy"].ToString(), ct: ct) is { } voicemailTwiml)
            return TwilioWebhooks.Twiml(voicemailTwiml);

        if (!payer.VoiceAgentEnabled)
        {
            await recorder.RecordEventAsync(call.Id, "voice-webhook", "keypress menu (voice agent off for this payer)", ct);
            return TwilioWebhooks.Twiml(ReminderMenu.Build(call.Id, payer, options, greet: true));
        }

        // Synthesize this payer's greeting while Twilio fetches the stream, so the first words go out at once.
        if (request.HttpContext.RequestServices.GetService<CollectIq.Agent.Pipeline.CollectionsAgentHandlerFactory>() is { } agent)
            _ = PrepareGreetingAsync(agent, payer.Id, logger);

        var streamUrl = options.PublicWebSocket(MediaStreamPath);
        await recorder.RecordEventAsync(call.Id, "voice-webhook", $"connect stream {streamUrl.Scheme}", ct);
        var twiml = new TwimlResponse().ConnectStream(streamUrl,
        [
            KeyValuePair.Create("payerId", payer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            KeyValuePair.Create("callId", call.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]);
        return TwilioWebhooks.Twiml(twiml.ToXml());
    }

    private static async Task PrepareGreetingAsync(CollectIq.Agent.Pipeline.CollectionsAgentHandlerFactory agent, int payerId, ILogger logger)
    {
        try { await agent.PrepareGreetingAsync(payerId, CancellationToken.None).ConfigureAwait(false); }
        catch (Exception e) { LogGreetingNotPrepared(logger, e, payerId); } // the stream synthesizes it then: slower, not broken
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not prepare the greeting for payer {PayerId}")]
    private static partial void LogGreetingNotPrepared(ILogger logger, Exception error, int payerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Voice webhook for unknown call (callId '{CallId}', CallSid '{CallSid}'): answered with a polite hang-up")]
    private static partial void LogUnknownCall(ILogger logger, string callId, string callSid);
}
