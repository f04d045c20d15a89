using System.Globalization;
using CollectIq.Data;
using CollectIq.Domain.Calls;
using Microsoft.EntityFrameworkCore;

namespace CollectIq.Web.Twilio;

/// <summary>
/// POST /collect-iq/call-status: Twilio's status callbacks. Twilio retries and does not promise order, so
/// this is idempotent and never moves a call backwards (<see cref="ICallRecorder.AdvanceStatusAsync"/>).
/// Anything we cannot use still gets 200: a non-2xx only makes Twilio retry the same useless request.
/// </summary>
internal static partial class CallStatusWebhook
{
    public static async Task<IResult> HandleAsync(
        HttpRequest request, IDbContextFactory<CollectIqDbContext> contexts, ICallRecorder recorder, ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger(typeof(CallStatusWebhook));
        var form = await request.ReadFormAsync(ct);
        var callSid = form["CallSid"].ToString();
        var rawStatus = form["CallStatus"].ToString();
        var sequence = form["SequenceNumber"].ToString();

        Call? call;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            call = await WebhookCalls.FindAsync(db, request, form, ct);
        }
        if (call is null)
        {
            LogUnknownCall(logger, callSid, rawStatus);
            return Results.Ok();
        }

        var status = CallStatuses.Normalize(rawStatus);
        if (!CallStatuses.IsKnown(status))
        {
            await recorder.RecordEventAsync(call.Id, "error", $"status callback with unknown CallStatus '{Clip(rawStatus)}'", ct);
            LogUnknownStatus(logger, call.Id, Clip(rawStatus));
            return Results.Ok();
        }

        int? duration = int.TryParse(form["CallDuration"], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
        var answeredBy = form["AnsweredBy"].ToString() is { Length: > 0 } by ? Clip(by) : null;
        var details = new CallStatusDetails(duration, answeredBy, CallStatuses.IsTerminal(status) ? "status-callback" : null);
        var applied = await recorder.AdvanceStatusAsync(call.Id, status, "status-callback", details, ct);
        await recorder.RecordEventAsync(call.Id, "status-callback",
            $"{status} seq={Clip(sequence)} {(applied ? "applied" : "ignored (duplicate or late)")}", ct);
        return Results.Ok();
    }

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40];

    [LoggerMessage(Level = LogLevel.Error, Message = "Status callback for unknown CallSid '{CallSid}' ({Status}) acknowledged and dropped")]
    private static partial void LogUnknownCall(ILogger logger, string callSid, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: status callback with unknown CallStatus '{Status}' ignored")]
    private static partial void LogUnknownStatus(ILogger logger, int callId, string status);
}
