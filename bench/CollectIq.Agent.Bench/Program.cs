// Dialog turn cost and engine overhead (transcript → first reply audio handed to the outbound media) with an instant synthesizer.
// Run: dotnet run -c Release --project bench/CollectIq.Agent.Bench
using System.Diagnostics;
using System.Runtime.CompilerServices;
using CollectIq.Agent.Conversation;
using CollectIq.Agent.Dialog;
using CollectIq.Agent.Understanding;
using CollectIq.Domain.Calls;
using CollectIq.Telephony.MediaStreams;

var invoices = new List<OpenInvoice> { new("INV-1001", 120.50m, "USD", new DateOnly(2026, 10, 1)), new("INV-1002", 125m, "USD", new DateOnly(2026, 10, 20)) };
var ctx = new DialogContext("Acme Supplies", "+14155552671", "Jordan Smith", invoices, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
var understander = new RuleUnderstander();
string[] script = ["yes speaking", "I can pay two hundred forty five dollars and fifty cents on the fifteenth", "no on next friday", "yes that's right"];

// 1. Dialog turn cost: understanding + state machine, per payer utterance.
var samples = new List<double>();
for (var round = 0; round < 3000; round++)
{
    var dialog = new CollectionsDialog(ctx, understander, TimeProvider.System);
    dialog.Start();
    foreach (var line in script)
    {
        var t = Stopwatch.GetTimestamp();
        dialog.Handle(new PayerSaid(line, 0.9, ["i can pay two hundred on the fifteenth"]));
        if (round >= 500) samples.Add(Stopwatch.GetElapsedTime(t).TotalMicroseconds);
    }
}
samples.Sort();
Console.WriteLine($"dialog turn (understand + state machine): p50 {samples[samples.Count / 2]:F1} µs, p99 {samples[(int)(samples.Count * 0.99)]:F1} µs, n={samples.Count}");

// 2. Engine: final transcript posted → first reply audio handed to the outbound (instant synthesizer), N calls at once.
foreach (var calls in new[] { 1, 40 })
{
    var latencies = new List<double>();
    var tasks = Enumerable.Range(0, calls).Select(async c =>
    {
        for (var conversation = 0; conversation < (calls == 1 ? 200 : 20); conversation++)
        {
            var outbound = new Outbound();
            var engine = new ConversationEngine(new ConversationSetup(c, c, DateTimeOffset.UtcNow, new CollectionsDialog(ctx, understander, TimeProvider.System), new InstantSynth(), outbound, new NullRecorder()));
            var run = engine.RunAsync(CancellationToken.None);
            engine.Start();
            await outbound.WaitForMarks(2);
            engine.Post(new MarkEchoed("u1.0")); engine.Post(new MarkEchoed("u1.1"));
            var before = outbound.Marks;
            var t = Stopwatch.GetTimestamp();
            engine.Post(new FinalTranscript("yes speaking", 0.9, []));
            await outbound.WaitForAudioAfter(before);
            lock (latencies) latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            engine.Post(new StreamStopped());
            await run;
            await engine.DisposeAsync();
        }
    }).ToArray();
    await Task.WhenAll(tasks);
    latencies.Sort();
    Console.WriteLine($"engine transcript → first reply audio, {calls} concurrent calls: p50 {latencies[latencies.Count / 2]:F2} ms, p95 {latencies[(int)(latencies.Count * 0.95)]:F2} ms, n={latencies.Count}");
}

// 3. The LLM brain's own overhead (LlmBrainBench.cs).
await LlmBrainBench.RunAsync(ctx, understander);

sealed class InstantSynth : IAgentSynthesizer
{
    private static readonly byte[] Chunk = new byte[400];
    public async IAsyncEnumerable<ReadOnlyMemory<byte>> SynthesizeAsync(string sentence, [EnumeratorCancellation] CancellationToken ct)
    {
        await Task.Yield();
        for (var i = 0; i < 4; i++) yield return Chunk;
    }
}

sealed class Outbound : IOutboundMedia
{
    private int _marks;
    private volatile int _marksAtLastAudio = -1;
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public int Marks => Volatile.Read(ref _marks);
    public ValueTask SendAudioAsync(ReadOnlyMemory<byte> m, CancellationToken ct = default) { _marksAtLastAudio = Marks; Pulse(); return default; }
    public ValueTask SendMarkAsync(string n, CancellationToken ct = default) { Interlocked.Increment(ref _marks); Pulse(); return default; }
    public void Clear() { }
    public ValueTask HangUpAsync(string r) => default;
    public int PendingPlayoutMs => 0;
    private void Pulse() { var s = Interlocked.Exchange(ref _signal, new(TaskCreationOptions.RunContinuationsAsynchronously)); s.TrySetResult(); }
    public async Task WaitForMarks(int n) { while (Marks < n) await Task.WhenAny(_signal.Task, Task.Delay(5)); }
    public async Task WaitForAudioAfter(int marks) { while (_marksAtLastAudio < marks) await Task.WhenAny(_signal.Task, Task.Delay(1)); }
}

sealed class NullRecorder : ICallRecorder
{
    public Task RecordEventAsync(int callId, string type, string? detail, CancellationToken ct = default) => Task.CompletedTask;
    public Task AppendTurnAsync(int callId, TranscriptTurn turn, CancellationToken ct = default) => Task.CompletedTask;
    public Task MarkTurnInterruptedAsync(int callId, long turnId, string heardText, CancellationToken ct = default) => Task.CompletedTask;
    public Task SetOutcomeAsync(int callId, CallOutcome outcome, string? detailJson, CancellationToken ct = default) => Task.CompletedTask;
    public Task AttachStreamAsync(int callId, string streamSid, string callSid, CancellationToken ct = default) => Task.CompletedTask;
    public Task<bool> AdvanceStatusAsync(int callId, string status, string source, CallStatusDetails? details = null, CancellationToken ct = default) => Task.FromResult(true);
}
