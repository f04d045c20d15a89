using System.Security.Cryptography;
using CollectIq.Data;
using CollectIq.Domain.Audit;
using CollectIq.Domain.Calls;
using Microsoft.EntityFrameworkCore;

namespace CollectIq.Web.WebApp;

/// <summary>
/// The call record a browser "Test call" attaches to: the operator plays the payer, so there is no Twilio
/// call; we mint a CallSid of our own and the browser sends it (with payerId and callId) in its <c>start</c>.
/// </summary>
public sealed class SoftphoneCalls(IDbContextFactory<CollectIqDbContext> contexts, TimeProvider time)
{
    public const string RequestedByPrefix = Call.TestCallRequesterPrefix;

    public async Task<SoftphoneCall> CreateAsync(int payerId, string operatorName, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Payers.AnyAsync(p => p.Id == payerId, ct)) throw new ArgumentException($"No payer {payerId}.", nameof(payerId));
        var now = time.GetUtcNow();
        var call = new Call
        {
            PayerId = payerId,
            Direction = CallDirection.Outbound,
            Status = CallStatuses.Queued,
            RequestedBy = RequestedByPrefix + operatorName,
            CreatedAt = now,
            TwilioCallSid = "CA" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
        };
        call.StatusHistory.Add(new CallStatusChange { Status = CallStatuses.Queued, At = now, Source = "softphone" });
        db.Calls.Add(call);
        db.AuditEntries.Add(new AuditEntry { At = now, PayerId = payerId, Action = "test-call", Reason = "browser softphone test call", Actor = "operator:" + operatorName });
        await db.SaveChangesAsync(ct);
        return new SoftphoneCall(call.Id, payerId, call.TwilioCallSid);
    }
}

public sealed record SoftphoneCall(int CallId, int PayerId, string CallSid);
