using CollectIq.Data.Tests.Infrastructure;
using CollectIq.Domain.Audit;
using CollectIq.Domain.Calls;
using Microsoft.EntityFrameworkCore;

namespace CollectIq.Data.Tests.Calls;

/// <summary>
/// Forty calls writing at once, as under the 40-call agent bench: every call's status changes, events, transcript
/// turns, outcome and a read-then-write outcome effect (read the payer, check for an earlier effect, write an audit row
/// and the payer's counter in one transaction). Nothing may be lost and no write may fail.
/// </summary>
public sealed class ConcurrentCallWritesTests
{
    private const int Calls = 40;
    private const int EventsPerCall = 25;
    private const int TurnsPerCall = 12;

    [Theory, SqliteEngine, PostgresEngine]
    public async Task Recorder_FortyCallsWritingAtOnce_LosesNothing(string engine)
    {
        // A 2 s lock timeout instead of 30 s makes a queue of writers visible within a test's time on a quiet machine.
        await using var db = await TestDatabase.CreateAsync(engine, sqliteOptions: ";Default Timeout=2");
        var recorder = db.Recorder(TimeProvider.System);
        var callIds = new List<(int PayerId, int CallId)>();
        for (var i = 0; i < Calls; i++)
        {
            var payerId = await db.AddPayerAsync(Books.Payer($"Payer {i}", invoices: ($"INV-{i}", new DateOnly(2025, 5, 1), 1200m)));
            callIds.Add((payerId, await db.AddCallAsync(payerId, DateTimeOffset.UnixEpoch)));
        }

        using var start = new ManualResetEventSlim();
        var calls = callIds.Select(ids => Task.Run(async () =>
        {
            start.Wait();
            var (payerId, callId) = ids;
            Assert.True(await recorder.AdvanceStatusAsync(callId, "initiated", "status-callback"));
            Assert.True(await recorder.AdvanceStatusAsync(callId, "ringing", "status-callback"));
            await recorder.AttachStreamAsync(callId, $"MZ{callId}", $"CA{callId}");
            Assert.True(await recorder.AdvanceStatusAsync(callId, "in-progress", "media-stream"));
            for (var n = 0; n < EventsPerCall; n++)
            {
                await recorder.RecordEventAsync(callId, "mark", $"event {n}");
                if (n < TurnsPerCall)
                {
                    var turn = new TranscriptTurn { Speaker = n % 2 == 0 ? Speaker.Agent : Speaker.Payer, Text = $"turn {n}", AtMs = n * 1000 };
                    await recorder.AppendTurnAsync(callId, turn);
                    if (n == 2) await recorder.MarkTurnInterruptedAsync(callId, turn.Id, "tu");
                }
            }
            await recorder.SetOutcomeAsync(callId, CallOutcome.WrongParty, null);
            await CountWrongPartyAsync(db, payerId, callId);
            Assert.True(await recorder.AdvanceStatusAsync(callId, "completed", "status-callback", new CallStatusDetails(DurationSeconds: 30)));
        })).ToList();
        start.Set();
        await Task.WhenAll(calls);

        await using var context = await db.Contexts.CreateDbContextAsync();
        Assert.Equal(Calls * EventsPerCall, await context.CallEvents.CountAsync());
        Assert.Equal(Calls * TurnsPerCall, await context.TranscriptTurns.CountAsync());
        Assert.Equal(Calls, await context.TranscriptTurns.CountAsync(t => t.Interrupted));
        Assert.Equal(Calls * 4, await context.CallStatusChanges.CountAsync());
        Assert.Equal(Calls, await context.Calls.CountAsync(c => c.Status == CallStatuses.Completed && c.Outcome == CallOutcome.WrongParty && c.StreamSid != null));
        Assert.Equal(Calls, await context.AuditEntries.CountAsync(a => a.Action == "wrong-party"));
        Assert.Equal(Calls, await context.Payers.CountAsync(p => p.WrongPartyCount == 1));
    }

    /// <summary>The shape of the outcome effects (src/CollectIq.Outreach/Outcomes): read, decide, write, in one transaction.</summary>
    private static async Task CountWrongPartyAsync(TestDatabase db, int payerId, int callId)
    {
        await using var context = await db.Contexts.CreateDbContextAsync();
        await using var transaction = await context.Database.BeginTransactionAsync();
        var payer = await context.Payers.Include(p => p.Invoices).SingleAsync(p => p.Id == payerId);
        if (await context.AuditEntries.AnyAsync(a => a.CallId == callId && a.Action == "wrong-party")) return;
        payer.WrongPartyCount++;
        context.AuditEntries.Add(new AuditEntry { At = DateTimeOffset.UtcNow, PayerId = payerId, CallId = callId, Action = "wrong-party", Reason = "test", Actor = "outcome" });
        await context.SaveChangesAsync();
        await transaction.CommitAsync();
    }
}
