using CollectIq.Agent.Conversation;
using CollectIq.Agent.Dialog;
using CollectIq.Domain.Calls;
using W = CollectIq.Agent.Dialog.DialogWording;

namespace CollectIq.Agent.Tests.Conversation;

/// <summary>
/// "Yes, speaking." cut in two by the 200 ms endpointer: the parts are answered once (ConversationEngine.Continuation.cs).
/// Real engine and dialog, fake time.
/// </summary>
public class SplitAnswerTests
{
    /// <summary>One stretch of speech: VAD onset <paramref name="onsetAgoMs"/> before now, voiced for <paramref name="speechMs"/>, 200 ms endpointing.</summary>
    private static async Task<long> SpeakAsync(EngineHarness h, int speechMs, int onsetAgoMs = 40)
    {
        var sequence = h.NextSpeechSequence();
        await h.PostAsync(new PayerStartedSpeaking(sequence, h.Time.GetUtcNow() - TimeSpan.FromMilliseconds(onsetAgoMs)));
        await h.AdvanceAsync(speechMs - onsetAgoMs);
        var end = h.Time.GetUtcNow();
        await h.AdvanceAsync(200);
        await h.PostAsync(new PayerStoppedSpeaking(sequence, end));
        return sequence;
    }

    private static async Task GreetedAsync(EngineHarness h)
    {
        await h.StartAsync();
        await h.PlayAllAsync();
    }

    [Fact]
    public async Task Handle_RestOfAnswerWhileReplyQueued_ReplyWithdrawnAndWholeAnswerAnsweredOnce()
    {
        await using var h = new EngineHarness();
        await GreetedAsync(h);
        await SpeakAsync(h, 400);
        await h.AdvanceAsync(50);
        await h.PostAsync(new FinalTranscript("yes", 0.9, []));    // answered at once: the disclosure is queued
        var withdrawn = h.Engine.Utterances.Single(u => u.Tag == CollectionsDialog.DisclosureTag);

        await SpeakAsync(h, 500);                                   // "speaking": onset 210 ms after "yes" ended
        Assert.Equal(1, h.Outbound.ClearCount);                     // the reply stopped at once
        await h.AdvanceAsync(50);
        await h.PostAsync(new FinalTranscript("speaking", 0.8, []));

        Assert.True(withdrawn.Interrupted);
        var disclosures = h.Engine.Utterances.Where(u => u.Tag == CollectionsDialog.DisclosureTag).ToList();
        Assert.Equal(2, disclosures.Count);                          // the answer to "yes speaking", said once
        Assert.DoesNotContain(h.Engine.Utterances, u => u.Text == W.DisclosureAgain); // not a cut disclosure
        Assert.DoesNotContain(h.Engine.Utterances, u => u.Resumes is not null);
        Assert.Equal(DialogState.Ask, h.Dialog.State);
        await h.PlayAllAsync();
        Assert.True(disclosures[1].FullyPlayed);

        await h.Engine.FlushRecordsAsync();
        var merged = Assert.Single(h.Recorder.Events, e => e.Type == "turn-merged");
        Assert.Contains("\"how\":\"reply withdrawn\"", merged.Detail, StringComparison.Ordinal);
        Assert.Contains("\"gapMs\":210", merged.Detail, StringComparison.Ordinal);
        Assert.Equal(["yes", "speaking"], h.Recorder.Turns.Where(t => t.Speaker == Speaker.Payer).Select(t => t.Text));
        Assert.DoesNotContain(h.Recorder.Events, e => e.Type == "false-interruption");
    }

    [Fact]
    public async Task Handle_RestOfAnswerBeforeFirstPartRecognized_HeldAndAnsweredTogether()
    {
        await using var h = new EngineHarness();
        await GreetedAsync(h);
        var identity = h.Listens.Count;
        await SpeakAsync(h, 300);                                   // "no," (the endpointer calls it over)
        var rest = h.NextSpeechSequence();
        await h.PostAsync(new PayerStartedSpeaking(rest, h.Time.GetUtcNow() - TimeSpan.FromMilliseconds(40)));
        await h.PostAsync(new FinalTranscript("no", 0.95, []));     // recognized while the payer is already going on
        Assert.Equal(identity, h.Listens.Count);                    // held: the dialog has not answered
        Assert.Equal(DialogState.RightPartyCheck, h.Dialog.State);

        await h.AdvanceAsync(500);
        var end = h.Time.GetUtcNow();
        await h.AdvanceAsync(200);
        await h.PostAsync(new PayerStoppedSpeaking(rest, end));
        await h.PostAsync(new FinalTranscript("wrong number", 0.9, []));

        Assert.Equal(DialogState.Ended, h.Dialog.State);            // "no wrong number": clear, no check-back
        await h.Engine.FlushRecordsAsync();
        Assert.Equal(CallOutcome.WrongParty, Assert.Single(h.Recorder.Outcomes).Outcome);
        Assert.DoesNotContain(h.Engine.Utterances, u => u.Text.StartsWith("Sorry, just to be sure", StringComparison.Ordinal));
        Assert.Contains(h.Recorder.Events, e => e.Type == "turn-merged" && e.Detail!.Contains("first part held", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Handle_HeldFirstPartThenNoise_FirstPartAnsweredAlone()
    {
        await using var h = new EngineHarness();
        await GreetedAsync(h);
        await SpeakAsync(h, 300);
        var rest = h.NextSpeechSequence();
        await h.PostAsync(new PayerStartedSpeaking(rest, h.Time.GetUtcNow() - TimeSpan.FromMilliseconds(40)));
        await h.PostAsync(new FinalTranscript("yes", 0.9, []));
        await h.AdvanceAsync(200);
        var end = h.Time.GetUtcNow();
        await h.AdvanceAsync(200);
        await h.PostAsync(new PayerStoppedSpeaking(rest, end));
        await h.PostAsync(new FinalTranscript("", 0, []));          // a breath, no words

        Assert.Equal(DialogState.Ask, h.Dialog.State);
        Assert.Single(h.Engine.Utterances, u => u.Tag == CollectionsDialog.DisclosureTag);
    }

    [Fact]
    public async Task Handle_SpeechAfterTheWindow_IsANewTurnAsBefore()
    {
        await using var h = new EngineHarness(new ConversationOptions { MergeContinuationWithinMs = 500 });
        await GreetedAsync(h);
        await SpeakAsync(h, 400);
        await h.AdvanceAsync(50);
        await h.PostAsync(new FinalTranscript("yes", 0.9, []));
        await h.AdvanceAsync(400);                                  // 650 ms after "yes" ended, then:
        await SpeakAsync(h, 1500, onsetAgoMs: 40);
        await h.PostAsync(new FinalTranscript("hold on a second", 0.8, []));

        Assert.Contains(h.Engine.Utterances, u => u.Text == W.DisclosureAgain); // a real interruption of the disclosure
        await h.Engine.FlushRecordsAsync();
        Assert.DoesNotContain(h.Recorder.Events, e => e.Type == "turn-merged");
    }

    [Fact]
    public async Task Handle_MergeDisabled_RestIsAnInterruptionAsBefore()
    {
        await using var h = new EngineHarness(new ConversationOptions { MergeContinuationWithinMs = 0 });
        await GreetedAsync(h);
        await SpeakAsync(h, 400);
        await h.AdvanceAsync(50);
        await h.PostAsync(new FinalTranscript("yes", 0.9, []));
        await SpeakAsync(h, 500);
        await h.PostAsync(new FinalTranscript("speaking", 0.8, []));

        Assert.Contains(h.Engine.Utterances, u => u.Text == W.DisclosureAgain); // the defect this option fixes
    }
}
