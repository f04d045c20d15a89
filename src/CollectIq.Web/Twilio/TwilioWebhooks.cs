namespace CollectIq.Web.Twilio;

/// <summary>
/// Twilio's webhooks under /collect-iq. Each checks X-Twilio-Signature (<see cref="TwilioSignatureFilter"/>);
/// the media-stream WebSocket (/collect-iq/media-stream) is mapped by the telephony wiring.
/// </summary>
public static class TwilioWebhooks
{
    public const string Prefix = "/collect-iq";

    public static RouteGroupBuilder MapTwilioWebhooks(this IEndpointRouteBuilder routes)
    {
        var hooks = routes.MapGroup(Prefix).WithTags("Twilio webhooks").ExcludeFromDescription()
            .AddEndpointFilter<TwilioSignatureFilter>();
        hooks.MapPost("/voice", VoiceWebhook.HandleAsync);
        hooks.MapPost("/handle-reminder", ReminderWebhook.HandleAsync);
        hooks.MapPost("/call-status", CallStatusWebhook.HandleAsync);
        return hooks;
    }

    internal static IResult Twiml(string xml) => Results.Content(xml, CollectIq.Telephony.Twilio.TwiML.TwimlResponse.ContentType);
}
