using CollectIq.Data;
using CollectIq.Data.Payers;
using CollectIq.Domain.Audit;
using CollectIq.Domain.Calls;
using CollectIq.Domain.Dunning;
using Phones = CollectIq.Domain.Phones.PhoneNumbers;
using CollectIq.Telephony.Twilio;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CollectIq.Outreach.Dialing;

/// <summary>
/// Places one outbound collections call: checks the guards, writes the call record, asks Twilio to dial
/// with our voice and status webhooks. Used by the API, the scheduler, the web app and the CLI.
/// </summary>
public sealed partial class OutreachService(
    IDbContextFactory<CollectIqDbContext> contexts,
    PayerBook book,
    IEnumerable<IOutreachGuard> guards,
    ITwilioCallsClient twilio,
    ICallRecorder recorder,
    IOptions<TwilioOptions> twilioOptions,
    IOptions<OutreachOptions> outreachOptions,
    TimeProvider time,
    ILogger<OutreachService> logger)
{
    /// <summary>Caller ID used when TWILIO_PHONE_NUMBER is unset (simulated telephony): Twilio's documented test number.</summary>
    public const string SimulatedCallerId = "+15005550006";

    public const string VoicePath = "/collect-iq/voice";
    public const string CallStatusPath = "/collect-iq/call-status";

    // Serializes "check, then create the call row" per payer, so two requests cannot both pass the
    // call-in-progress guard. Striped: bounded memory, unrelated payers rarely wait on each other.
    private readonly SemaphoreSlim[] _payerLocks = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
    private readonly IOutreachGuard[] _guards = guards.ToArray();
    private static readonly string[] FinalStatuses = CallStatuses.All.Where(CallStatuses.IsTerminal).ToArray();

    public async Task<OutreachResult> PlaceCallAsync(int payerId, string requestedBy, CancellationToken ct = default)
    {
        Call call;
        var payerLock = _payerLocks[(uint)payerId % (uint)_payerLocks.Length];
        await payerLock.WaitAsync(ct);
        try
        {
            var standing = await book.FindAsync(payerId, ct);
            if (standing is null) return new OutreachResult.PayerNotFound(payerId);

            await using var db = await contexts.CreateDbContextAsync(ct);
            var activeCall = await db.Calls.AsNoTracking()
                .Where(c => c.PayerId == payerId && !FinalStatuses.Contains(c.Status))
                .OrderByDescending(c => c.Id)
                .FirstOrDefaultAsync(ct);
            var now = time.GetUtcNow();
            var context = new OutreachContext(standing, activeCall, requestedBy, now);
            foreach (var guard in _guards)
            {
                if (await guard.CheckAsync(context, ct) is { } refusal)
                {
                    db.AuditEntries.Add(new AuditEntry { At = now, PayerId = payerId, Action = "refused", Reason = refusal.Reason, Actor = requestedBy });
                    await db.SaveChangesAsync(ct);
                    LogRefused(logger, payerId, refusal.Code);
                    return new OutreachResult.Refused(refusal);
                }
            }

            call = new Call { PayerId = payerId, Status = CallStatuses.Queued, Direction = CallDirection.Outbound, RequestedBy = requestedBy, CreatedAt = now };
            call.StatusHistory.Add(new CallStatusChange { Status = CallStatuses.Queued, At = now, Source = "api" });
            db.Calls.Add(call);
            var dunning = standing.Dunning;
            db.AuditEntries.Add(new AuditEntry
            {
                At = now, PayerId = payerId, Action = "called", Actor = requestedBy,
                Reason = $"{dunning.Stage?.ToWire() ?? "no stage"}, {dunning.DaysPastDue} days past due",
            });
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            payerLock.Release();
        }

        return await DialAsync(call, await PhoneOfAsync(payerId, ct), ct);
    }

    private async Task<OutreachResult> DialAsync(Call call, string phone, CancellationToken ct)
    {
        var options = twilioOptions.Value;
        var request = new CreateCallRequest(
            To: phone,
            From: options.PhoneNumber ?? SimulatedCallerId,
            Url: options.Public($"{VoicePath}?callId={call.Id}"),
            StatusCallback: options.Public($"{CallStatusPath}?callId={call.Id}"),
            TimeoutSeconds: options.RingTimeoutSeconds,
            // Every outbound call asks for answering-machine detection: a machine must get only the
            // limited-content voicemail (Voicemail/VoicemailResponder), never the collection conversation.
            MachineDetection: outreachOptions.Value.Voicemail.MachineDetection);
        LogPlacing(logger, call.Id, call.PayerId, Phones.Mask(phone));
        try
        {
            var placed = await twilio.CreateCallAsync(request, ct);
            await using (var db = await contexts.CreateDbContextAsync(CancellationToken.None))
            {
                await db.Calls.Where(c => c.Id == call.Id && c.TwilioCallSid == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.TwilioCallSid, placed.Sid), CancellationToken.None);
            }
            await recorder.AdvanceStatusAsync(call.Id, placed.Status, "api", ct: CancellationToken.None);
            LogPlaced(logger, call.Id, placed.Sid);
            return new OutreachResult.Placed(call.Id, placed.Sid);
        }
        catch (TwilioApiException ex)
        {
            await MarkFailedAsync(call.Id, $"twilio-error {ex.Code?.ToString() ?? ex.HttpStatus.ToString()}", ex.Message);
            return new OutreachResult.TelephonyFailed(call.Id, ex.TwilioMessage, ex.Code);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            await MarkFailedAsync(call.Id, "twilio-unreachable", ex.Message);
            return new OutreachResult.TelephonyFailed(call.Id, $"Could not reach Twilio: {ex.Message}", null);
        }
        catch (OperationCanceledException)
        {
            // The caller gave up; we cannot know whether Twilio dialled, so the record says so.
            await MarkFailedAsync(call.Id, "canceled-while-dialing", "The request was canceled before Twilio answered.");
            throw;
        }
    }

    private async Task MarkFailedAsync(int callId, string cause, string message)
    {
        LogFailed(logger, callId, cause);
        await recorder.RecordEventAsync(callId, "twilio-error", message, CancellationToken.None);
        await recorder.AdvanceStatusAsync(callId, CallStatuses.Failed, "api", new CallStatusDetails(HangupCause: cause), CancellationToken.None);
    }

    private async Task<string> PhoneOfAsync(int payerId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Payers.Where(p => p.Id == payerId).Select(p => p.ContactPhone).SingleAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Placing call {CallId} to payer {PayerId} at {MaskedPhone}")]
    private static partial void LogPlacing(ILogger logger, int callId, int payerId, string maskedPhone);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} placed as {CallSid}")]
    private static partial void LogPlaced(ILogger logger, int callId, string callSid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outreach to payer {PayerId} refused: {Code}")]
    private static partial void LogRefused(ILogger logger, int payerId, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId} failed to dial: {Cause}")]
    private static partial void LogFailed(ILogger logger, int callId, string cause);
}
