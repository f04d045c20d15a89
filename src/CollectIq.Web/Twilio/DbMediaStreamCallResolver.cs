using System.Globalization;
using CollectIq.Data;
using CollectIq.Telephony.MediaStreams;
using Microsoft.EntityFrameworkCore;

namespace CollectIq.Web.Twilio;

/// <summary>
/// Resolves a media stream's <c>start</c> to our call: <c>customParameters</c> payerId and callId must name
/// an existing call of that payer, and its CallSid must be the stream's (or is set from it while unknown).
/// </summary>
public sealed partial class DbMediaStreamCallResolver(IDbContextFactory<CollectIqDbContext> contexts, ILogger<DbMediaStreamCallResolver> logger) : IMediaStreamCallResolver
{
    public async ValueTask<MediaStreamCallResolution> ResolveAsync(string callSid, string streamSid, IReadOnlyDictionary<string, string> customParameters, CancellationToken cancellationToken)
    {
        var resolution = await ResolveCoreAsync(callSid, customParameters, cancellationToken);
        if (!resolution.Accepted) LogRejected(logger, streamSid, resolution.RejectReason ?? "");
        return resolution;
    }

    private async Task<MediaStreamCallResolution> ResolveCoreAsync(string callSid, IReadOnlyDictionary<string, string> parameters, CancellationToken ct)
    {
        if (!parameters.TryGetValue("payerId", out var payerText) || !int.TryParse(payerText, NumberStyles.None, CultureInfo.InvariantCulture, out var payerId))
            return MediaStreamCallResolution.Reject("The stream's start has no numeric payerId parameter.");
        if (!parameters.TryGetValue("callId", out var callText) || !int.TryParse(callText, NumberStyles.None, CultureInfo.InvariantCulture, out var callId))
            return MediaStreamCallResolution.Reject("The stream's start has no numeric callId parameter.");
        if (string.IsNullOrWhiteSpace(callSid))
            return MediaStreamCallResolution.Reject("The stream's start has no callSid.");

        await using var db = await contexts.CreateDbContextAsync(ct);
        var call = await db.Calls.AsNoTracking().Where(c => c.Id == callId).Select(c => new { c.PayerId, c.TwilioCallSid }).FirstOrDefaultAsync(ct);
        if (call is null) return MediaStreamCallResolution.Reject($"Unknown call {callId}.");
        if (call.PayerId != payerId) return MediaStreamCallResolution.Reject($"Call {callId} does not belong to payer {payerId}.");
        if (call.TwilioCallSid is null)
        {
            var set = await db.Calls.Where(c => c.Id == callId && c.TwilioCallSid == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.TwilioCallSid, callSid), ct);
            if (set == 1) return MediaStreamCallResolution.Accept(callId, payerId);
            var now = await db.Calls.AsNoTracking().Where(c => c.Id == callId).Select(c => c.TwilioCallSid).FirstAsync(ct);
            return now == callSid ? MediaStreamCallResolution.Accept(callId, payerId) : MediaStreamCallResolution.Reject($"Call {callId} belongs to another Twilio call.");
        }
        return call.TwilioCallSid == callSid
            ? MediaStreamCallResolution.Accept(callId, payerId)
            : MediaStreamCallResolution.Reject($"Call {callId} belongs to another Twilio call (CallSid mismatch).");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Media stream {StreamSid} rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string streamSid, string reason);
}
