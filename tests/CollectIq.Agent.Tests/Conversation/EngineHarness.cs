using CollectIq.Agent.Conversation;
using CollectIq.Agent.Dialog;
using CollectIq.Agent.Tests.Dialog;
using CollectIq.Agent.Tests.Fakes;
using CollectIq.Agent.Understanding;
using Microsoft.Extensions.Time.Testing;

namespace CollectIq.Agent.Tests.Conversation;

/// <summary>A real engine over the real dialog, with recording fakes at the audio edges and fake time.</summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    private long _speechSequence;

    public FakeTimeProvider Time { get; } = new(DialogHarness.DefaultNow);
    public RecordingOutboundMedia Outbound { get; } = new();
    public ToneSynthesizer Synthesizer { get; } = new();
    public InMemoryCallRecorder Recorder { get; } = new();
    public CollectionsDialog Dialog { get; }
    public ConversationEngine Engine { get; }
    public List<ListenSpec> Listens { get; } = [];
    public List<int> OptedOut { get; } = [];

    public EngineHarness(ConversationOptions? options = null, CollectIq.Agent.Understanding.Llm.IIntentClassifier? classifier = null)
    {
        var context = new DialogContext("Acme Supplies", "+15551234567", "Jordan Smith", DialogHarness.TwoInvoices, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        Dialog = new CollectionsDialog(context, new RuleUnderstander(), Time);
        Engine = new ConversationEngine(
            new ConversationSetup(42, 7, Time.GetUtcNow(), Dialog, Synthesizer, Outbound, Recorder)
            {
                OnListen = Listens.Add,
                OptOut = new OptOutRecorder(OptedOut),
                IntentClassifier = classifier,
            },
            options ?? new ConversationOptions(), Time);
    }

    private sealed class OptOutRecorder(List<int> payers) : IPayerOptOut
    {
        public Task OptOutAsync(int payerId, int callId, DateTimeOffset at, CancellationToken cancellationToken)
        {
            lock (payers) payers.Add(payerId);
            return Task.CompletedTask;
        }
    }

    public async Task StartAsync()
    {
        Engine.Start();
        await SettleAsync();
    }

    /// <summary>Lets the speaking task finish queuing, then processes every queued event.</summary>
    public async Task SettleAsync()
    {
        for (var round = 0; round < 10; round++)
        {
            await Engine.DrainAsync();
            await Eventually(() => Engine.Utterances.Where(u => !u.Interrupted).All(u => u.SentencesQueued == u.Sentences.Count || Synthesizer.Gate is not null));
            if (Engine.Events.Count == 0) break;
        }
    }

    public async Task PostAsync(ConversationEvent item)
    {
        Engine.Post(item);
        await SettleAsync();
    }

    /// <summary>Twilio plays everything queued: echo every mark not yet echoed, in order.</summary>
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

    private int _echoed;

    public async Task EchoMarkAsync(string mark)
    {
        Engine.Post(new MarkEchoed(mark));
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

    public long NextSpeechSequence() => ++_speechSequence;

    public async Task AdvanceAsync(int ms)
    {
        Time.Advance(TimeSpan.FromMilliseconds(ms));
        await SettleAsync();
    }

    public static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Condition not met within 10 s.");
            await Task.Delay(5);
        }
    }

    public async ValueTask DisposeAsync() => await Engine.DisposeAsync();
}
