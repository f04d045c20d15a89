using CollectIq.Agent.Dialog;
using CollectIq.Data;
using CollectIq.Domain.Calls;
using CollectIq.Domain.Promises;
using Microsoft.EntityFrameworkCore;

namespace CollectIq.Web.Agent;

/// <summary>
/// <see cref="ICallRecorder"/> decorator that turns a recorded outcome into its effect on the payer's
/// record: a confirmed promise to pay (full or partial) becomes a pending <see cref="PaymentPromise"/>
/// (amount, currency, date), which holds outreach until the promised date. The outcome itself is
/// written first by the inner recorder; a promise is created at most once per call.
/// </summary>
public sealed partial class OutcomeEffectsCallRecorder(
    ICallRecorder inner, IDbContextFactory<CollectIqDbContext> contexts, TimeProvider time, ILogger<OutcomeEffectsCallRecorder> logger) : ICallRecorder
{
    public async Task SetOutcomeAsync(int callId, CallOutcome outcome, string? detailJson, CancellationToken ct = default)
    {
        await inner.SetOutcomeAsync(callId, outcome, detailJson, ct).ConfigureAwait(false);
        if (outcome is not (CallOutcome.PromiseToPay or CallOutcome.PartialPayment)) return;
        var detail = OutcomeDetail.FromJson(detailJson);
        if (detail?.Amount is not { } amount || detail.Date is not { } date || amount <= 0)
        {
            LogPromiseIncomplete(logger, callId);
            return;
        }
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        var payerId = await db.Calls.Where(c => c.Id == callId).Select(c => (int?)c.PayerId).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (payerId is null)
        {
            LogCallMissing(logger, callId);
            return;
        }
        if (await db.PaymentPromises.AnyAsync(p => p.CallId == callId, ct).ConfigureAwait(false)) return;
        db.PaymentPromises.Add(new PaymentPromise
        {
            PayerId = payerId.Value,
            CallId = callId,
            Amount = amount,
            Currency = string.IsNullOrWhiteSpace(detail.Currency) ? "USD" : detail.Currency,
            PromisedDate = date,
            CreatedAt = time.GetUtcNow(),
            State = PromiseState.Pending,
        });
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        LogPromiseCreated(logger, callId, date);
    }

    public Task RecordEventAsync(int callId, string type, string? detail, CancellationToken ct = default) => inner.RecordEventAsync(callId, type, detail, ct);
    public Task AppendTurnAsync(int callId, TranscriptTurn turn, CancellationToken ct = default) => inner.AppendTurnAsync(callId, turn, ct);
    public Task MarkTurnInterruptedAsync(int callId, long turnId, string heardText, CancellationToken ct = default) => inner.MarkTurnInterruptedAsync(callId, turnId, heardText, ct);
    public Task AttachStreamAsync(int callId, string streamSid, string callSid, CancellationToken ct = default) => inner.AttachStreamAsync(callId, streamSid, callSid, ct);
    public Task<bool> AdvanceStatusAsync(int callId, string status, string source, CallStatusDetails? details = null, CancellationToken ct = default) =>
        inner.AdvanceStatusAsync(callId, status, source, details, ct);

    // The amount is never logged (no balances in logs); the date is not sensitive.
    [LoggerMessage(EventId = 5301, Level = LogLevel.Information, Message = "Call {CallId}: payment promise recorded for {PromisedDate}")]
    private static partial void LogPromiseCreated(ILogger logger, int callId, DateOnly promisedDate);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Warning, Message = "Call {CallId}: promise outcome without amount or date; no promise row created")]
    private static partial void LogPromiseIncomplete(ILogger logger, int callId);

    [LoggerMessage(EventId = 5303, Level = LogLevel.Warning, Message = "Call {CallId}: not found; no promise row created")]
    private static partial void LogCallMissing(ILogger logger, int callId);
}
