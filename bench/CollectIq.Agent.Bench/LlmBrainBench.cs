// The LLM brain's own cost inside voice-to-voice: final transcript posted → first audio of the LLM's first sentence,
// with an in-process chat client that streams instantly (no network, no model), so what is left is ours:
// the dialog routing, the reply task, sentence cutting, the guard, the engine's streamed speech.
using System.Diagnostics;
using System.Runtime.CompilerServices;
using CollectIq.Agent.Conversation;
using CollectIq.Agent.Dialog;
using CollectIq.Agent.Dialog.Llm;
using CollectIq.Agent.Understanding;
using Microsoft.Extensions.AI;

static class LlmBrainBench
{
    public static async Task RunAsync(DialogContext ctx, IUtteranceUnderstander understander)
    {
        foreach (var calls in new[] { 1, 40 })
        {
            var latencies = new List<double>();
            var tasks = Enumerable.Range(0, calls).Select(async c =>
            {
                for (var conversation = 0; conversation < (calls == 1 ? 200 : 20); conversation++)
                {
                    var outbound = new Outbound();
                    var brain = new LlmCollectionsDialog(ctx, new InstantChat(), "bench", understander, TimeProvider.System);
                    var engine = new ConversationEngine(new ConversationSetup(c, c, DateTimeOffset.UtcNow, brain, new InstantSynth(), outbound, new NullRecorder()));
                    var run = engine.RunAsync(CancellationToken.None);
                    engine.Start();
                    await outbound.WaitForMarks(2);
                    engine.Post(new FinalTranscript("yes speaking", 0.9, []));
                    while (engine.Utterances.Count < 4) await Task.Delay(1);
                    await outbound.WaitForMarks(engine.Utterances.Sum(u => u.Sentences.Count)); // disclosure, balance, ask sent
                    var before = outbound.Marks;
                    var t = Stopwatch.GetTimestamp();
                    engine.Post(new FinalTranscript("I can't pay all of it right now", 0.9, []));
                    await outbound.WaitForAudioAfter(before);
                    lock (latencies) latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    engine.Post(new StreamStopped());
                    await run;
                    await engine.DisposeAsync();
                }
            }).ToArray();
            await Task.WhenAll(tasks);
            latencies.Sort();
            Console.WriteLine($"LLM brain transcript → first streamed sentence audio (instant model), {calls} concurrent calls: p50 {latencies[latencies.Count / 2]:F2} ms, p95 {latencies[(int)(latencies.Count * 0.95)]:F2} ms, n={latencies.Count}");
        }
    }

    private sealed class InstantChat : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            foreach (var piece in new[] { "I understand, ", "money is tight. ", "When could you ", "pay part of it?" })
                yield return new ChatResponseUpdate(ChatRole.Assistant, piece);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;
        public void Dispose() { }
    }
}
