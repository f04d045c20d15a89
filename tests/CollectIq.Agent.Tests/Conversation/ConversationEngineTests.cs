using CollectIq.Agent.Conversation;
using CollectIq.Agent.Dialog;
using CollectIq.Domain.Calls;
using CollectIq.Speech.Recognition;
using W = CollectIq.Agent.Dialog.DialogWording;

namespace CollectIq.Agent.Tests.Conversation;

public class ConversationEngineTests
{
    [Fact]
    public async Task Start_Greeting_SpokenSentenceBySentenceWithAMarkAfterEach()
    {
        await using var h = new EngineHarness();
        await h.StartAsync();

        Assert.Equal(["u1.0", "u1.1"], h.Outbound.Marks);
        var log = h.Outbound.Log.ToList();
        Assert.Equal("audio", log[0]);
        Assert.True(log.IndexOf("mark:u1.0") < log.LastIndexOf("audio"), "second sentence audio follows the first mark");
        Assert.Equal(["Hello, this is the automated assistant of Acme Supplies.", "Am I speaking with Jordan Smith?"], h.Synthesizer.Sentences);
        await h.Engine.FlushRecordsAsync();
        var turn = Assert.Single(h.Recorder.Turns);
        Assert.Equal(Speaker.Agent, turn.Speaker);
        Assert.Equal(ExpectedAnswer.Identity, h.Listens.Last().Expected);
    }

    [Fact]
    public async Task Handle_PayerTalksOverDisclosureWithMinimumDuration_ClearsAfterItAndRecordsWhatWasHeard()
    {
        await using var h = new EngineHarness(new ConversationOptions { MinBargeInMs = 200 });
        await h.StartAsync();
        await h.PlayAllAsync();
        await h.PayerSaysAsync("yes speaking");
        var disclosure = h.Engine.Utterances.Single(u => u.Tag == CollectionsDialog.DisclosureTag);
        Assert.Equal(3, disclosure.Sentences.Count);

        await h.EchoMarkAsync(disclosure.MarkName(0));        // first sentence played
        var sequence = h.NextSpeechSequence();
        await h.PostAsync(new PayerStartedSpeaking(sequence));
        Assert.Equal(0, h.Outbound.ClearCount);                // not before the minimum duration
        await h.AdvanceAsync(199);
        Assert.Equal(0, h.Outbound.ClearCount);
        await h.AdvanceAsync(1);
        Assert.Equal(1, h.Outbound.ClearCount);

        Assert.True(disclosure.Interrupted);
        Assert.Equal("Please note: this is an automated call from a debt collector.", disclosure.HeardText);
        Assert.All(h.Engine.Utterances.Where(u => u.Id > disclosure.Id), u => Assert.True(u.Interrupted));

        await h.Engine.FlushRecordsAsync();
        var turn = h.Recorder.Turns.Single(t => t.Text == W.Disclosure);
        Assert.True(turn.Interrupted);
        Assert.Equal(disclosure.HeardText, turn.HeardText);
        Assert.Contains(h.Recorder.Events, e => e.Type == "barge-in");

        // The dialog heard about it: the payer's answer gets the disclosure again, not a promise.
        var end = h.Time.GetUtcNow();
        await h.PostAsync(new PayerStoppedSpeaking(sequence, end));
        await h.PostAsync(new FinalTranscript("I'll pay on friday", 0.9, []));
        var again = h.Engine.Utterances.Where(u => !u.Interrupted).Select(u => u.Text).ToList();
        Assert.Contains(W.DisclosureAgain, again);
        Assert.Equal(2, h.Engine.Utterances.Count(u => u.Text == W.Disclosure));
        await h.Engine.FlushRecordsAsync();
        Assert.Empty(h.Recorder.Outcomes);
    }

    [Fact]
    public async Task Handle_ShortBlipOverAgentWithMinimumDuration_DoesNotInterrupt()
    {
        await using var h = new EngineHarness(new ConversationOptions { MinBargeInMs = 200 });
        await h.StartAsync();
        var sequence = h.NextSpeechSequence();
        await h.PostAsync(new PayerStartedSpeaking(sequence));
        await h.AdvanceAsync(120);
        await h.PostAsync(new PayerStoppedSpeaking(sequence, h.Time.GetUtcNow()));
        await h.AdvanceAsync(1000);
        Assert.Equal(0, h.Outbound.ClearCount);
        Assert.False(h.Engine.Utterances[0].Interrupted);
    }

    [Fact]
    public async Task Handle_MarkPostedBeforeBargeInButReadAfter_CountsAsHeard()
    {
        await using var h = new EngineHarness(new ConversationOptions { MinBargeInMs = 0 });
        await h.StartAsync();
        // The mark arrives first, the barge-in 10 ms later; the urgent barge-in is processed first.
        h.Engine.Post(new MarkEchoed("u1.0"));
        h.Time.Advance(TimeSpan.FromMilliseconds(10));
        h.Engine.Post(new PayerStartedSpeaking(h.NextSpeechSequence()));
        await h.SettleAsync();

        var greeting = h.Engine.Utterances[0];
        Assert.True(greeting.Interrupted);
        Assert.Equal("Hello, this is the automated assistant of Acme Supplies.", greeting.HeardText);
        await h.Engine.FlushRecordsAsync();
        Assert.Equal(greeting.HeardText, h.Recorder.Turns[0].HeardText);
    }

    [Fact]
    public async Task Handle_MarkAfterClear_IsFlushedNotPlayed()
    {
        await using var h = new EngineHarness(new ConversationOptions { MinBargeInMs = 0 });
        await h.StartAsync();
        await h.PostAsync(new PayerStartedSpeaking(h.NextSpeechSequence()));
        h.Time.Advance(TimeSpan.FromMilliseconds(5));
        await h.PlayAllAsync(); // Twilio echoes the pending marks after a clear
        Assert.Equal("", h.Engine.Utterances[0].HeardText);
        Assert.Equal(0, h.Engine.Utterances[0].SentencesPlayed);
    }

    [Fact]
    public async Task Handle_BargeIn_CancelsSynthesisInFlight()
    {
        await using var h = new EngineHarness(new ConversationOptions { MinBargeInMs = 0 });
        h.Synthesizer.Gate = new TaskCompletionSource();
        h.Engine.Start();
        await EngineHarness.Eventually(() => h.Outbound.AudioBytes > 0);
        await h.PostAsync(new PayerStartedSpeaking(h.NextSpeechSequence()));
        await EngineHarness.Eventually(() => h.Synthesizer.Cancellations == 1);
        Assert.Equal(1, h.Outbound.ClearCount);
        Assert.Empty(h.Outbound.Marks);
    }

    [Fact]
    public async Task Handle_DtmfWhileSpeaking_InterruptsAtOnce()
    {
        await using var h = new EngineHarness();
        await h.StartAsync();
        await h.PostAsync(new DtmfReceived('1'));
        Assert.Equal(1, h.Outbound.ClearCount);
        Assert.Equal(DialogState.Ask, h.Dialog.State);
    }

    [Fact]
    public async Task Handle_GoodbyeNotInterruptible_PlaysOutThenHangsUp()
    {
        await using var h = new EngineHarness();
        await h.StartAsync();
        await h.PlayAllAsync();
        await h.PayerSaysAsync("wrong number");
        var goodbye = h.Engine.Utterances.Last();
        Assert.False(goodbye.Interruptible);
        await h.PostAsync(new PayerStartedSpeaking(h.NextSpeechSequence()));
        await h.AdvanceAsync(1000);
        Assert.Equal(0, h.Outbound.ClearCount);
        Assert.Empty(h.Outbound.HangUps);       // not before the goodbye has played

        await h.PlayAllAsync();
        Assert.Equal(["wrong-party"], h.Outbound.HangUps);
        await h.Engine.FlushRecordsAsync();
        Assert.Equal(CallOutcome.WrongParty, Assert.Single(h.Recorder.Outcomes).Outcome);
        foreach (var agentTurn in h.Recorder.Turns.Where(t => t.Speaker == Speaker.Agent))
            Assert.DoesNotContain("debt", agentTurn.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Handle_GoodbyeMarkNeverEchoed_HangsUpAfterGrace()
    {
        await using var h = new EngineHarness();
        await h.StartAsync();
        await h.PlayAllAsync();
        await h.PayerSaysAsync("stop calling me");
        Assert.Empty(h.Outbound.HangUps);
        await h.AdvanceAsync(20_000);
        Assert.Equal(["opt-out"], h.Outbound.HangUps);
        await h.Engine.FlushRecordsAsync();
        Assert.Equal([7], h.OptedOut);
        Assert.Equal(CallOutcome.OptOut, Assert.Single(h.Recorder.Outcomes).Outcome);
    }

    [Fact]
    public async Task Handle_Silence_RepromptsAfterSixSecondsThenEndsPolitely()
    {
        await using var h = new EngineHarness();
        await h.StartAsync();
        await h.PlayAllAsync();
        await h.AdvanceAsync(5_900);
        Assert.Single(h.Engine.Utterances);
        await h.AdvanceAsync(100);
        Assert.Equal(W.StillThere, h.Engine.Utterances[1].Text);

        await h.PlayAllAsync();
        await h.AdvanceAsync(6_000);
        await h.PlayAllAsync();
        await h.AdvanceAsync(6_000);
        Assert.Equal(W.SilenceGoodbye, h.Engine.Utterances.Last().Text);
        await h.PlayAllAsync();
        Assert.Equal(["silence"], h.Outbound.HangUps);
    }

    [Fact]
    public async Task Handle_PayerSpeaking_NoSilenceTimeout()
    {
        await using var h = new EngineHarness();
        await h.StartAsync();
        await h.PlayAllAsync();
        await h.PostAsync(new PayerStartedSpeaking(h.NextSpeechSequence()));
        await h.AdvanceAsync(10_000);
        Assert.Single(h.Engine.Utterances);
    }

    [Fact]
    public async Task Handle_StaleStopAfterNewStart_IsIgnored()
    {
        await using var h = new EngineHarness();
        await h.StartAsync();
        await h.PlayAllAsync();
        h.Engine.Post(new PayerStoppedSpeaking(1, h.Time.GetUtcNow()));
        h.Engine.Post(new PayerStartedSpeaking(2)); // urgent: processed before the older stop
        await h.SettleAsync();
        Assert.True(h.Engine.PayerSpeaking);
    }

    [Fact]
    public async Task Handle_HangUpMidSentence_RecordsHeardTextAndNoPromise()
    {
        await using var h = new EngineHarness();
        await h.StartAsync();
        await h.PlayAllAsync();
        await h.PayerSaysAsync("yes speaking");
        await h.PlayAllAsync();
        await h.PayerSaysAsync("I can pay two hundred on the fifteenth");
        var confirm = h.Engine.Utterances.Last();
        await h.PostAsync(new StreamStopped());

        Assert.True(h.Engine.Stopped);
        Assert.True(confirm.Interrupted);
        await h.Engine.FlushRecordsAsync();
        var outcome = Assert.Single(h.Recorder.Outcomes);
        Assert.Equal(CallOutcome.Unknown, outcome.Outcome);
        Assert.True(h.Recorder.Turns.Single(t => t.Text == confirm.Text).Interrupted);
    }

    [Fact]
    public async Task Handle_FullPromise_WritesTranscriptAndOutcomeAsItHappens()
    {
        await using var h = new EngineHarness();
        await h.StartAsync();
        await h.PlayAllAsync();
        await h.PayerSaysAsync("yes speaking");
        await h.PlayAllAsync();
        await h.PayerSaysAsync("I can pay two hundred on the fifteenth");
        await h.PlayAllAsync();
        Assert.Equal(ExpectedAnswer.YesNo, h.Listens.Last().Expected);
        await h.PayerSaysAsync("yes");
        await h.Engine.FlushRecordsAsync();
        var outcome = Assert.Single(h.Recorder.Outcomes);
        Assert.Equal(CallOutcome.PartialPayment, outcome.Outcome);
        Assert.Equal("""{"amount":200,"currency":"USD","date":"2026-12-15"}""", outcome.Json);
        var payerTurns = h.Recorder.Turns.Where(t => t.Speaker == Speaker.Payer).Select(t => t.Text).ToList();
        Assert.Equal(["yes speaking", "I can pay two hundred on the fifteenth", "yes"], payerTurns);
        Assert.True(h.Recorder.Turns.Select(t => t.AtMs).SequenceEqual(h.Recorder.Turns.Select(t => t.AtMs).Order()));
        await h.PlayAllAsync();
        Assert.Equal(["promise"], h.Outbound.HangUps);
    }

    [Fact]
    public async Task Handle_PayerTurn_MeasuresEachStage()
    {
        await using var h = new EngineHarness();
        await h.StartAsync();
        await h.PlayAllAsync();
        var sequence = h.NextSpeechSequence();
        await h.PostAsync(new PayerStartedSpeaking(sequence));
        await h.AdvanceAsync(700);
        var speechEnd = h.Time.GetUtcNow();
        await h.AdvanceAsync(300);                         // endpointer waits 300 ms
        await h.PostAsync(new PayerStoppedSpeaking(sequence, speechEnd));
        await h.AdvanceAsync(40);                          // recognizer finalises in 40 ms
        await h.PostAsync(new FinalTranscript("yes speaking", 0.9, []));

        var metrics = Assert.Single(h.Engine.Metrics);
        Assert.Equal(300, metrics.EndpointDelayMs);
        Assert.Equal(40, metrics.SttMs);
        Assert.Equal(0, metrics.TtsFirstFrameMs);          // fake time does not move during synthesis
        Assert.Equal(340, metrics.VoiceToVoiceMs);
        await h.Engine.FlushRecordsAsync();
        var stored = Assert.Single(h.Recorder.Events, e => e.Type == "turn-metrics");
        Assert.Equal("""{"turn":1,"endpointDelayMs":300,"sttMs":40,"dialogMs":0,"ttsFirstFrameMs":0,"voiceToVoiceMs":340}""", stored.Detail);
    }
}

public class ConversationEngineKeypadTests
{
    [Fact]
    public async Task Handle_KeypadEntryStalls_SilenceRepromptStillComes()
    {
        await using var h = new EngineHarness();
        await h.StartAsync();
        await h.PostAsync(new DtmfReceived('1'));   // right party by keypad
        await h.PlayAllAsync();
        await h.PostAsync(new DtmfReceived('1'));   // promise → asks the date
        await h.PlayAllAsync();
        var before = h.Engine.Utterances.Count;
        await h.PostAsync(new DtmfReceived('1'));   // first digit of the day, then nothing
        Assert.Equal(before, h.Engine.Utterances.Count);
        await h.AdvanceAsync(6_000);
        Assert.Equal(W.StillThere, h.Engine.Utterances[before].Text);
    }
}
