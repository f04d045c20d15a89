using CollectIq.Data.Tests.Infrastructure;
using CollectIq.Domain.Calls;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace CollectIq.Data.Tests.Calls;

public sealed class EfCallRecorderTests
{
    private static readonly DateTimeOffset Start = new(2025, 6, 2, 15, 0, 0, TimeSpan.Zero);

    [Theory, SqliteEngine, PostgresEngine]
    public async Task AdvanceStatus_InOrder_WritesHistoryAndTimings(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var time = new FakeTimeProvider(Start);
        var recorder = db.Recorder(time);
        var callId = await db.AddCallAsync(await db.AddPayerAsync(Books.Payer("Acme")), Start);

        Assert.True(await recorder.AdvanceStatusAsync(callId, "initiated", "status-callback"));
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(await recorder.AdvanceStatusAsync(callId, "ringing", "status-callback"));
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(await recorder.AdvanceStatusAsync(callId, "answered", "status-callback", new CallStatusDetails(AnsweredBy: "human")));
        time.Advance(TimeSpan.FromSeconds(42));
        Assert.True(await recorder.AdvanceStatusAsync(callId, "completed", "status-callback", new CallStatusDetails(DurationSeconds: 41, HangupCause: "status-callback")));

        var call = await db.LoadCallAsync(callId);
        Assert.Equal(CallStatuses.Completed, call.Status);
        Assert.Equal(["initiated", "ringing", "in-progress", "completed"], call.StatusHistory.OrderBy(s => s.Id).Select(s => s.Status));
        Assert.Equal(Start, call.StartedAt);
        Assert.Equal(Start.AddSeconds(7), call.AnsweredAt);
        Assert.Equal(Start.AddSeconds(49), call.EndedAt);
        Assert.Equal(41, call.DurationSeconds);
        Assert.Equal("human", call.AnsweredBy);
        Assert.Equal("status-callback", call.HangupCause);
    }

    [Theory, SqliteEngine, PostgresEngine]
    public async Task RecordEvent_BeforeAnyCallWasKnown_IsLoggedNotStored(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var recorder = db.Recorder(new FakeTimeProvider(Start));
        var callId = await db.AddCallAsync(await db.AddPayerAsync(Books.Payer("Acme")), Start);

        await recorder.RecordEventAsync(0, "error", "malformed JSON before start");
        await recorder.RecordEventAsync(callId, "start", "stream MZ1");

        await using var context = await db.Contexts.CreateDbContextAsync();
        var events = context.CallEvents.ToList();
        Assert.Equal("start", Assert.Single(events).Type);
    }

    [Theory, SqliteEngine, PostgresEngine]
    public async Task AdvanceStatus_LateAndDuplicateCallbacks_NeverMoveBackwards(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var recorder = db.Recorder(new FakeTimeProvider(Start));
        var callId = await db.AddCallAsync(await db.AddPayerAsync(Books.Payer("Acme")), Start);

        Assert.True(await recorder.AdvanceStatusAsync(callId, "in-progress", "status-callback"));
        Assert.False(await recorder.AdvanceStatusAsync(callId, "ringing", "status-callback"));
        Assert.False(await recorder.AdvanceStatusAsync(callId, "in-progress", "status-callback"));
        Assert.True(await recorder.AdvanceStatusAsync(callId, "completed", "media-stream"));
        Assert.False(await recorder.AdvanceStatusAsync(callId, "failed", "status-callback"));
        Assert.False(await recorder.AdvanceStatusAsync(callId, "in-progress", "status-callback"));
        Assert.False(await recorder.AdvanceStatusAsync(callId, "bogus", "status-callback"));

        var call = await db.LoadCallAsync(callId);
        Assert.Equal(CallStatuses.Completed, call.Status);
        Assert.Equal(["in-progress", "completed"], call.StatusHistory.OrderBy(s => s.Id).Select(s => s.Status));
    }

    [Theory, SqliteEngine, PostgresEngine]
    public async Task AdvanceStatus_FinalCallbackAfterStreamEnded_AddsTwiliosDurationWithoutNewHistory(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var time = new FakeTimeProvider(Start);
        var recorder = db.Recorder(time);
        var callId = await db.AddCallAsync(await db.AddPayerAsync(Books.Payer("Acme")), Start);
        await recorder.AdvanceStatusAsync(callId, "in-progress", "status-callback");
        time.Advance(TimeSpan.FromSeconds(30));
        await recorder.AdvanceStatusAsync(callId, "completed", "media-stream", new CallStatusDetails(HangupCause: "stream-stopped"));

        var applied = await recorder.AdvanceStatusAsync(callId, "completed", "status-callback", new CallStatusDetails(DurationSeconds: 31, HangupCause: "status-callback"));

        var call = await db.LoadCallAsync(callId);
        Assert.False(applied);
        Assert.Equal(31, call.DurationSeconds);
        Assert.Equal("stream-stopped", call.HangupCause);
        Assert.Equal(2, call.StatusHistory.Count);
    }

    [Theory, SqliteEngine, PostgresEngine]
    public async Task AdvanceStatus_ManyConcurrentWriters_EndsFinalWithOneHistoryRowPerStatus(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var recorder = db.Recorder(TimeProvider.System);
        var callId = await db.AddCallAsync(await db.AddPayerAsync(Books.Payer("Acme")), Start);
        string[] statuses = ["initiated", "ringing", "in-progress", "completed", "initiated", "ringing", "in-progress", "completed"];

        var results = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(() =>
            recorder.AdvanceStatusAsync(callId, statuses[i % statuses.Length], $"writer-{i}"))));

        var call = await db.LoadCallAsync(callId);
        Assert.Equal(CallStatuses.Completed, call.Status);
        var history = call.StatusHistory.OrderBy(s => s.Id).Select(s => s.Status).ToList();
        Assert.Equal(history.Distinct().Count(), history.Count);
        Assert.Equal("completed", history[^1]);
        Assert.Equal(history.Count, results.Count(r => r));
        // Every accepted change went forward.
        Assert.True(history.Zip(history.Skip(1)).All(p => CallStatuses.Rank(p.First) < CallStatuses.Rank(p.Second)));
    }

    [Theory, SqliteEngine, PostgresEngine]
    public async Task Recorder_TwoCallsAtOnce_KeepTheirOwnTurnsEventsAndOutcomes(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var recorder = db.Recorder(TimeProvider.System);
        var payerId = await db.AddPayerAsync(Books.Payer("Acme"));
        var first = await db.AddCallAsync(payerId, Start);
        var second = await db.AddCallAsync(payerId, Start);

        async Task Talk(int callId, string word)
        {
            await recorder.AttachStreamAsync(callId, $"MZ{word}", $"CA{word}");
            for (var i = 0; i < 15; i++)
            {
                await recorder.AppendTurnAsync(callId, new TranscriptTurn { Speaker = i % 2 == 0 ? Speaker.Agent : Speaker.Payer, Text = $"{word} {i}", AtMs = i * 1000 });
                await recorder.RecordEventAsync(callId, "mark", $"{word}-{i}");
            }
        }
        await Task.WhenAll(Task.Run(() => Talk(first, "alpha")), Task.Run(() => Talk(second, "bravo")));
        await recorder.SetOutcomeAsync(first, CallOutcome.PromiseToPay, "{\"amount\":100}");
        await recorder.SetOutcomeAsync(second, CallOutcome.Dispute, null);

        var a = await db.LoadCallAsync(first);
        var b = await db.LoadCallAsync(second);
        Assert.Equal(15, a.Transcript.Count);
        Assert.All(a.Transcript, t => Assert.StartsWith("alpha", t.Text));
        Assert.All(b.Transcript, t => Assert.StartsWith("bravo", t.Text));
        Assert.Equal(15, b.Events.Count);
        Assert.Equal(("MZalpha", "CAalpha"), (a.StreamSid, a.TwilioCallSid));
        Assert.Equal(CallOutcome.PromiseToPay, a.Outcome);
        Assert.Equal("{\"amount\":100}", a.OutcomeDetail);
        Assert.Equal(CallOutcome.Dispute, b.Outcome);
    }

    [Theory, SqliteEngine, PostgresEngine]
    public async Task MarkTurnInterrupted_AgentTurn_KeepsWhatThePayerHeard(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var recorder = db.Recorder(TimeProvider.System);
        var callId = await db.AddCallAsync(await db.AddPayerAsync(Books.Payer("Acme")), Start);
        var turn = new TranscriptTurn { Speaker = Speaker.Agent, Text = "Your balance is overdue, would you like to pay today?", AtMs = 1200 };
        await recorder.AppendTurnAsync(callId, turn);

        await recorder.MarkTurnInterruptedAsync(callId, turn.Id, "Your balance is overdue");

        var saved = Assert.Single((await db.LoadCallAsync(callId)).Transcript);
        Assert.True(saved.Interrupted);
        Assert.Equal("Your balance is overdue", saved.HeardText);
    }

    [Theory, SqliteEngine, PostgresEngine]
    public async Task AttachStream_KnownCallSid_IsNotOverwritten(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var recorder = db.Recorder(TimeProvider.System);
        var callId = await db.AddCallAsync(await db.AddPayerAsync(Books.Payer("Acme")), Start, callSid: "CAoriginal");

        await recorder.AttachStreamAsync(callId, "MZ1", "CAother");

        var call = await db.LoadCallAsync(callId);
        Assert.Equal("CAoriginal", call.TwilioCallSid);
        Assert.Equal("MZ1", call.StreamSid);
    }

    [Theory, SqliteEngine, PostgresEngine]
    public async Task AdvanceStatus_UnknownCall_ReturnsFalse(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        Assert.False(await db.Recorder(TimeProvider.System).AdvanceStatusAsync(9999, "ringing", "status-callback"));
        await using var context = await db.Contexts.CreateDbContextAsync();
        Assert.Equal(0, await context.CallStatusChanges.CountAsync());
    }
}
