using System.Text.Json;
using CollectIq.Telephony.MediaStreams;
using Microsoft.Extensions.Time.Testing;

namespace CollectIq.Telephony.Tests.MediaStreams;

/// <summary>The send loop's pacing, ordering, clear and backpressure, on a FakeTimeProvider.</summary>
public sealed class OutboundPacerTests : IAsyncLifetime
{
    private sealed record Sent(string Event, int AudioBytes, string? Mark, TimeSpan At);

    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
    private readonly List<Sent> _sent = [];
    private readonly List<(string Type, string? Detail)> _events = [];
    private readonly MediaStreamOptions _options = new() { LeadMs = 160, ChunkMs = 60, MaxQueuedAudioMs = 200 };
    private readonly TimeSpan _t0;
    private OutboundPacer _pacer = null!;
    private Task _loop = null!;
    private string? _hungUp;

    public OutboundPacerTests() => _t0 = TimeSpan.FromTicks(_time.GetUtcNow().UtcTicks);

    public Task InitializeAsync()
    {
        _pacer = new OutboundPacer(_options, _time, reason => { _hungUp = reason; return ValueTask.CompletedTask; }, (t, d) => { lock (_events) _events.Add((t, d)); });
        _loop = _pacer.RunAsync(Capture, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _pacer.Complete();
        await _loop.WaitAsync(TimeSpan.FromSeconds(10));
        _pacer.Dispose();
    }

    private ValueTask Capture(ReadOnlyMemory<byte> json, CancellationToken _)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var evt = root.GetProperty("event").GetString()!;
        var bytes = evt == "media" ? Convert.FromBase64String(root.GetProperty("media").GetProperty("payload").GetString()!).Length : 0;
        var mark = evt == "mark" ? root.GetProperty("mark").GetProperty("name").GetString() : null;
        lock (_sent) _sent.Add(new Sent(evt, bytes, mark, TimeSpan.FromTicks(_time.GetUtcNow().UtcTicks) - _t0));
        return ValueTask.CompletedTask;
    }

    private List<Sent> SentSoFar() { lock (_sent) return _sent.ToList(); }
    private int SentAudioMs() => SentSoFar().Sum(s => s.AudioBytes) / 8;

    /// <summary>Waits until the loop has nothing more to do at the current fake time.</summary>
    private async Task SettleAsync()
    {
        var stable = 0;
        var last = -1;
        for (var i = 0; i < 1000 && stable < 5; i++)
        {
            await Task.Delay(2);
            var count = SentSoFar().Count;
            stable = _pacer.IsWaiting && count == last ? stable + 1 : 0;
            last = count;
        }
    }

    [Fact]
    public async Task RunAsync_SecondOfAudio_StaysJustAheadOfRealTime()
    {
        _pacer.Attach("MZ1");
        _ = _pacer.SendAudioAsync(new byte[1000 * 8]);
        await SettleAsync();
        Assert.InRange(SentAudioMs(), _options.LeadMs, _options.LeadMs + _options.ChunkMs);

        for (var elapsed = 50; elapsed <= 1200; elapsed += 50)
        {
            _time.Advance(TimeSpan.FromMilliseconds(50));
            await SettleAsync();
            var sent = SentAudioMs();
            Assert.True(sent <= elapsed + _options.LeadMs + _options.ChunkMs, $"at {elapsed} ms, {sent} ms were sent: too far ahead");
            Assert.True(sent >= Math.Min(1000, elapsed + _options.LeadMs - _options.ChunkMs), $"at {elapsed} ms, only {sent} ms were sent: the line would starve");
        }
        Assert.Equal(1000, SentAudioMs());
        Assert.All(SentSoFar(), s => Assert.InRange(s.AudioBytes, 1, _options.ChunkMs * 8));
    }

    [Fact]
    public async Task SendMarkAsync_BetweenAudio_SentExactlyAfterTheAudioBeforeIt()
    {
        _pacer.Attach("MZ1");
        _ = _pacer.SendAudioAsync(new byte[100 * 8]);
        _ = _pacer.SendMarkAsync("a");
        _ = _pacer.SendAudioAsync(new byte[30 * 8]);
        _ = _pacer.SendMarkAsync("b");
        for (var i = 0; i < 10; i++) { await SettleAsync(); _time.Advance(TimeSpan.FromMilliseconds(100)); }

        var sent = SentSoFar();
        var a = sent.FindIndex(s => s.Mark == "a");
        var b = sent.FindIndex(s => s.Mark == "b");
        Assert.Equal(100 * 8, sent.Take(a).Sum(s => s.AudioBytes));
        Assert.Equal(30 * 8, sent.Skip(a).Take(b - a).Sum(s => s.AudioBytes));
        Assert.Equal(b, sent.Count - 1);
    }

    [Fact]
    public async Task Clear_WithAudioQueued_SendsClearNextDropsAudioKeepsMarks()
    {
        _pacer.Attach("MZ1");
        _ = _pacer.SendAudioAsync(new byte[3000 * 8]);
        _ = _pacer.SendMarkAsync("end-of-turn");
        await SettleAsync();
        var before = SentSoFar().Count;

        _pacer.Clear();
        await SettleAsync();
        _time.Advance(TimeSpan.FromSeconds(5));
        await SettleAsync();

        var after = SentSoFar().Skip(before).ToList();
        Assert.Equal(["clear", "mark"], after.Select(s => s.Event));
        Assert.Equal("end-of-turn", after[1].Mark);
        Assert.Equal(TimeSpan.Zero, after[0].At); // at once, not after the queued audio
        Assert.Equal(0, _pacer.PendingPlayoutMs);
        lock (_events) Assert.Contains(("clear", (string?)null), _events);

        // Its echo means "cleared", not "played".
        _pacer.OnMarkEchoed("end-of-turn");
        Assert.Null(_pacer.LastPlayedMark);
    }

    [Fact]
    public async Task SendAudioAsync_QueueOverLimit_WaitsUntilSendLoopDrainsIt()
    {
        var pending = _pacer.SendAudioAsync(new byte[300 * 8]); // not attached yet: nothing drains
        await Task.Delay(50);
        Assert.False(pending.IsCompleted);

        _pacer.Attach("MZ1"); // the loop sends ~180 ms at once, leaving 120 ms queued (< 200)
        await pending.AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(_pacer.PendingPlayoutMs <= 300);
    }

    [Fact]
    public async Task Complete_ProducerWaiting_IsReleasedAndLaterAudioDropped()
    {
        var pending = _pacer.SendAudioAsync(new byte[300 * 8]);
        _pacer.Complete();

        await pending.AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        await _pacer.SendAudioAsync(new byte[160]);
        Assert.Equal(0, _pacer.PendingPlayoutMs);
    }

    [Fact]
    public async Task OnMarkEchoed_PlaybackReachedIt_TracksPlayedPosition()
    {
        _pacer.Attach("MZ1");
        _ = _pacer.SendAudioAsync(new byte[100 * 8]);
        _ = _pacer.SendMarkAsync("turn-1");
        _ = _pacer.SendAudioAsync(new byte[100 * 8]);
        await SettleAsync();
        Assert.Equal(200, _pacer.PendingPlayoutMs);

        _time.Advance(TimeSpan.FromMilliseconds(100));
        _pacer.OnMarkEchoed("turn-1");

        Assert.Equal("turn-1", _pacer.LastPlayedMark);
        Assert.Equal(100, _pacer.PlayedAudioMs);
        Assert.Equal(100, _pacer.PendingPlayoutMs);
    }

    [Fact]
    public async Task HangUpAsync_Always_DelegatesToSession()
    {
        await _pacer.HangUpAsync("done");
        Assert.Equal("done", _hungUp);
    }
}
