using CollectIq.Agent.Conversation;
using CollectIq.Agent.Dialog;
using CollectIq.Agent.Dialog.Llm;
using CollectIq.Agent.Hosting;
using CollectIq.Agent.Tests.Conversation;
using CollectIq.Agent.Tests.Fakes;
using CollectIq.Agent.Understanding;
using CollectIq.Agent.Understanding.Llm;
using CollectIq.Domain.Calls;
using Microsoft.Extensions.Time.Testing;

namespace CollectIq.Agent.Tests.Dialog.Llm;

/// <summary>
/// A real engine over the real LLM brain, talking through the real OpenAI SDK to a local fake
/// chat-completions server; recording fakes at the audio edges and fake time (the LLM timeouts run on it too).
/// </summary>
internal sealed class LlmEngineHarness : IAsyncDisposable
{
    private long _speechSequence;
    private int _echoed;

    private LlmEngineHarness(FakeChatCompletionsServer server, LlmDialogOptions options, ConversationOptions? conversation)
    {
        Server = server;
        Options = options;
        Context = new DialogContext("Acme Supplies", "+15551234567", "Jordan Smith", DialogHarness.TwoInvoices, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        var chat = BrainServiceCollectionExtensions.CreateChatClient(
            new LlmOptions { BaseUrl = server.BaseUrl.AbsoluteUri, Model = "test-model", ApiKey = "k" }, options);
        Brain = new LlmCollectionsDialog(Context, chat, "test-model", new RuleUnderstander(), Time, new DialogOptions(), options, callId: 42);
        Engine = new ConversationEngine(
            new ConversationSetup(42, 7, Time.GetUtcNow(), Brain, Synthesizer, Outbound, Recorder) { OnListen = Listens.Add },
            conversation ?? new ConversationOptions(), Time);
    }

    public static async Task<LlmEngineHarness> StartAsync(LlmDialogOptions? options = null, ConversationOptions? conversation = null) =>
        new(await FakeChatCompletionsServer.StartAsync(), options ?? new LlmDialogOptions(), conversation);

    public FakeChatCompletionsServer Server { get; }
    public LlmDialogOptions Options { get; }
    public DialogContext Context { get; }
    public FakeTimeProvider Time { get; } = new(DialogHarness.DefaultNow);
    public RecordingOutboundMedia Outbound { get; } = new();
    public ToneSynthesizer Synthesizer { get; } = new();
    public InMemoryCallRecorder Recorder { get; } = new();
    public LlmCollectionsDialog Brain { get; }
    public ConversationEngine Engine { get; }
    public List<ListenSpec> Listens { get; } = [];

    public IReadOnlyList<string> Spoken { get { lock (Synthesizer.Sentences) return Synthesizer.Sentences.ToList(); } }

    /// <summary>Every utterance's text (one per SayAction or streamed reply), in order.</summary>
    public IReadOnlyList<string> Said => Engine.Utterances.Select(u => u.Text).ToList();

    public string LastSaid => Engine.Utterances[^1].Text;

    public async Task StartCallAsync()
    {
        Engine.Start();
        await SettleAsync();
    }

    /// <summary>Greeting played, the payer confirms identity, disclosure + balance + ask played.</summary>
    public async Task PastTheGateAsync()
    {
        await StartCallAsync();
        await PlayAllAsync();
        await PayerSaysAsync("yes speaking");
        await PlayAllAsync();
    }

    public async Task SettleAsync()
    {
        for (var round = 0; round < 10; round++)
        {
            await Engine.DrainAsync();
            await EngineHarness.Eventually(() => Engine.Utterances.Where(u => !u.Interrupted && !u.StreamOpen).All(u => u.SentencesQueued == u.Sentences.Count || Synthesizer.Gate is not null));
            if (Engine.Events.Count == 0) break;
        }
    }

    /// <summary>Processes events until <paramref name="condition"/> holds (the LLM answers on real time, off the loop).</summary>
    public async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            await Engine.DrainAsync();
            if (condition()) break;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Condition not met within 15 s.");
            await Task.Delay(5);
        }
        await SettleAsync();
    }

    /// <summary>The LLM reply is over and the dialog has acted on it (tool call, fallback), and the streamed speech has ended.</summary>
    public Task ReplyDoneAsync() => UntilAsync(() => !Brain.ReplyPending && Engine.Utterances.All(u => !u.StreamOpen));

    public async Task PlayAllAsync()
    {
        await SettleAsync();
        foreach (var mark in Outbound.Marks.Skip(_echoed).ToList())
        {
            Engine.Post(new MarkEchoed(mark));
            _echoed++;
        }
        await SettleAsync();
    }

    public async Task PostAsync(ConversationEvent item)
    {
        Engine.Post(item);
        await SettleAsync();
    }

    public async Task PayerSaysAsync(string text, double confidence = 0.9)
    {
        var sequence = ++_speechSequence;
        await PostAsync(new PayerStartedSpeaking(sequence));
        Time.Advance(TimeSpan.FromMilliseconds(600));
        await SettleAsync();
        var end = Time.GetUtcNow();
        Time.Advance(TimeSpan.FromMilliseconds(200));
        await PostAsync(new PayerStoppedSpeaking(sequence, end));
        Time.Advance(TimeSpan.FromMilliseconds(50));
        await PostAsync(new FinalTranscript(text, confidence, []));
    }

    /// <summary>The payer says something the LLM answers: waits for the reply to be over.</summary>
    public async Task PayerSaysToLlmAsync(string text)
    {
        await PayerSaysAsync(text);
        await ReplyDoneAsync();
    }

    public long NextSpeechSequence() => ++_speechSequence;

    public async Task AdvanceAsync(int ms)
    {
        Time.Advance(TimeSpan.FromMilliseconds(ms));
        await SettleAsync();
    }

    public async Task<IReadOnlyList<(CallOutcome Outcome, string? Json)>> OutcomesAsync()
    {
        await Engine.FlushRecordsAsync();
        lock (Recorder) return Recorder.Outcomes.ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        await Server.DisposeAsync();
    }
}
