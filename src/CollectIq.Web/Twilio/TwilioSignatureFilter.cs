using CollectIq.Telephony.Twilio;
using Microsoft.Extensions.Options;

namespace CollectIq.Web.Twilio;

/// <summary>
/// Refuses (403) a webhook whose X-Twilio-Signature is missing or wrong. The URL Twilio signed is the
/// public one (PUBLIC_URL + path + query), not the address Kestrel sees behind ngrok or a proxy.
/// </summary>
internal sealed partial class TwilioSignatureFilter(IOptionsMonitor<TwilioOptions> options, ILogger<TwilioSignatureFilter> logger) : IEndpointFilter
{
    public const string HeaderName = "X-Twilio-Signature";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var twilio = options.CurrentValue;
        var signature = request.Headers[HeaderName].ToString();
        var url = twilio.Public($"{request.PathBase}{request.Path}{request.QueryString}").AbsoluteUri;
        var form = request.HasFormContentType ? await request.ReadFormAsync(context.HttpContext.RequestAborted) : null;
        var parameters = form?.SelectMany(f => f.Value.Select(v => KeyValuePair.Create(f.Key, v ?? ""))).ToList() ?? [];

        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(twilio.AuthToken) || !TwilioSignature.IsValid(twilio.AuthToken, url, parameters, signature))
        {
            LogRejected(logger, request.Path, string.IsNullOrEmpty(signature) ? "missing" : "wrong");
            return Results.Text("Invalid or missing X-Twilio-Signature.", "text/plain", statusCode: StatusCodes.Status403Forbidden);
        }
        return await next(context);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio webhook {Path} refused: signature {Problem}")]
    private static partial void LogRejected(ILogger logger, string path, string problem);
}
