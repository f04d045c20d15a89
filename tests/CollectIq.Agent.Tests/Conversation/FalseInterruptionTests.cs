using CollectIq.Agent.Conversation;
using CollectIq.Agent.Dialog;
using CollectIq.Domain.Calls;
using W = CollectIq.Agent.Dialog.DialogWording;

namespace CollectIq.Agent.Tests.Conversation;

/// <summary>
/// Barge-in clears at the VAD's first word; the recognizer then decides whether the payer really took the turn
/// (LiveKit-style false-interruption recovery). Real engine and dialog, fake time.
/// </summary>
public class FalseInterruptionTests
{
    /// <summary>Plays the greeting, confirms the right party, and lets the disclosure's first sentence play.</summary>
    private static async Task<AgentUtterance> DisclosurePlayingAsync(EngineHarness h)
    {
        await h.StartAsync();
        await h.PlayAllAsync();
        await h.PayerSaysAsync("yes speaking");
        var disclosure = h.Engine.Utterances.Single(u => u.Tag == CollectionsDialog.DisclosureTag);
        await h.EchoMarkAsync(disclosure.MarkName(0));
        return disclosure;
    }

    /// <summary>The payer makes a sound for <paramref name="speechMs"/> over the agent (the VAD said "started" 40 ms in).</summary>
    private static async Task<long> InterruptAsync(EngineHarness h, int speechMs)
    {
        var sequence = h.NextSpeechSequence();
        var onset = h.Time.GetUtcNow() - TimeSpan.FromMilliseconds(40);
        await h.PostAsync(new PayerStartedSpeaking(sequence, onset));
        await h.AdvanceAsync(speechMs - 40);
        var end = h.Time.GetUtcNow();
        await h.AdvanceAsync(200);
        await h.PostAsync(new PayerStoppedSpeaking(sequence, end));
        return sequence;
    }

    [Fact]
    public async Task Handle_NoiseOverDisclosure_ClearsAtOnceThenSaysTheCutSentenceAgainWithoutATurn()
    {
        await using var h = new EngineHarness();
        var disclosure = await DisclosurePlayingAsync(h);
        var queuedBehind = h.Engine.Utterances.Where(u => u.Id > disclosure.Id).Select(u => u.Text).ToList();
        var state = h.Dialog.State;
        var turnsBefore = h.Engine.Metrics.Count;

        var sequence = h.NextSpeechSequence();
        await h.PostAsync(new PayerStartedSpeaking(sequence, h.Time.GetUtcNow() - TimeSpan.FromMilliseconds(40)));
        Assert.Equal(1, h.Outbound.ClearCount);                 // at once, no minimum duration
        Assert.True(disclosure.Interrupted);
        await h.AdvanceAsync(250);
        var end = h.Time.GetUtcNow();
        await h.AdvanceAsync(200);
        await h.PostAsync(new PayerStoppedSpeaking(sequence, end));
        await h.PostAsync(new FinalTranscript("", 0, []));        // a cough: no words

        var resumed = h.Engine.Utterances.Single(u => u.Resumes == disclosure);
        Assert.Equal(CollectionsDialog.DisclosureTag, resumed.Tag);
        Assert.Equal(disclosure.Sentences.Skip(1), resumed.Sentences); // from the first sentence not heard in full
        Assert.Equal(disclosure.HeardText + " " + resumed.Text, W.Disclosure);
        // What was queued behind the disclosure (balance, ask) is said again too, in order.
        var after = h.Engine.Utterances.Where(u => u.Id > resumed.Id).Select(u => u.Text).ToList();
        Assert.Equal(queuedBehind, after);
        Assert.Equal(state, h.Dialog.State);                    // the dialog never saw it
        Assert.DoesNotContain(h.Engine.Utterances, u => u.Text == W.DisclosureAgain);
        Assert.Equal(turnsBefore, h.Engine.Metrics.Count);       // no turn

        await h.PlayAllAsync();
        Assert.True(resumed.FullyPlayed);
        await h.Engine.FlushRecordsAsync();
        var stored = h.Recorder.Turns.Where(t => t.Speaker == Speaker.Agent).ToList();
        var cut = stored.Single(t => t.Text == W.Disclosure);
        Assert.True(cut.Interrupted);
        Assert.Equal(disclosure.HeardText, cut.HeardText);
        Assert.Contains(stored, t => t.Text == resumed.Text && !t.Interrupted);
        var falseEvent = Assert.Single(h.Recorder.Events, e => e.Type == "false-interruption");
        Assert.Contains("\"reason\":\"no words\"", falseEvent.Detail, StringComparison.Ordinal);
        Assert.Contains("\"bargeInDelayMs\":40", falseEvent.Detail, StringComparison.Ordinal);
        Assert.Contains(h.Recorder.Events, e => e.Type == "barge-in" && e.Detail!.Contains("clear 40 ms after speech onset", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Handle_BackchannelOverDisclosure_Resumes()
    {
        await using var h = new EngineHarness();
        var disclosure = await DisclosurePlayingAsync(h);

        await InterruptAsync(h, 400);
        await h.PostAsync(new FinalTranscript("mm-hm okay", 0.9, []));

        Assert.Single(h.Engine.Utterances, u => u.Resumes == disclosure);
        Assert.Empty(h.Recorder.Turns.Where(t => t.Speaker == Speaker.Payer && t.Text == "mm-hm okay"));
    }

    [Fact]
    public async Task Handle_ShortUncertainWordsOverDisclosure_Resume()
    {
        await using var h = new EngineHarness();
        var disclosure = await DisclosurePlayingAsync(h);

        await InterruptAsync(h, 500);
        await h.PostAsync(new FinalTranscript("i'll pay eighth", 0.3, [])); // "okay" forced into the grammar, rejected

        Assert.Single(h.Engine.Utterances, u => u.Resumes == disclosure);
        await h.Engine.FlushRecordsAsync();
        Assert.Empty(h.Recorder.Outcomes);
    }

    [Fact]
    public async Task Handle_RealInterruption_IsATurnWithHeardPortionAndBargeInDelay()
    {
        await using var h = new EngineHarness();
        var disclosure = await DisclosurePlayingAsync(h);

        await InterruptAsync(h, 1500);
        await h.PostAsync(new FinalTranscript("hold on a second", 0.8, []));

        Assert.DoesNotContain(h.Engine.Utterances, u => u.Resumes is not null);
        Assert.True(disclosure.Interrupted);
        Assert.Contains(h.Engine.Utterances, u => u.Text == W.DisclosureAgain); // the dialog knows it was cut
        var metrics = h.Engine.Metrics[^1];
        Assert.Equal(40, metrics.BargeInDelayMs);
        await h.Engine.FlushRecordsAsync();
        Assert.Equal(disclosure.HeardText, h.Recorder.Turns.First(t => t.Text == W.Disclosure).HeardText);
        Assert.Contains(h.Recorder.Turns, t => t.Speaker == Speaker.Payer && t.Text == "hold on a second");
        Assert.DoesNotContain(h.Recorder.Events, e => e.Type == "false-interruption");
    }

    [Fact]
    public async Task Handle_ShortClearWordsThatAreNotABackchannel_AreATurn()
    {
        await using var h = new EngineHarness();
        await DisclosurePlayingAsync(h);

        await InterruptAsync(h, 500);
        await h.PostAsync(new FinalTranscript("stop", 0.9, []));

        Assert.DoesNotContain(h.Engine.Utterances, u => u.Resumes is not null);
        Assert.Contains(h.Recorder.Turns, t => t.Speaker == Speaker.Payer && t.Text == "stop");
    }

    [Fact]
    public async Task Handle_YesWhileTheAgentAsksItsQuestion_IsAnAnswerNotABackchannel()
    {
        await using var h = new EngineHarness();
        await h.StartAsync();
        await h.EchoMarkAsync("u1.0");                          // "Am I speaking with Jordan Smith?" is playing

        await InterruptAsync(h, 400);
        await h.PostAsync(new FinalTranscript("yes", 0.9, []));

        Assert.DoesNotContain(h.Engine.Utterances, u => u.Resumes is not null);
        Assert.Contains(h.Engine.Utterances, u => u.Tag == CollectionsDialog.DisclosureTag);
    }

    [Fact]
    public async Task Handle_NoTranscriptInTime_ResumesAfterTheTimeout()
    {
        await using var h = new EngineHarness();
        var disclosure = await DisclosurePlayingAsync(h);

        await InterruptAsync(h, 300);
        await h.AdvanceAsync(1900);
        Assert.DoesNotContain(h.Engine.Utterances, u => u.Resumes is not null);
        await h.AdvanceAsync(100);
        Assert.Single(h.Engine.Utterances, u => u.Resumes == disclosure);
    }

    [Fact]
    public async Task Handle_PayerSpeaksAgainBeforeTheVerdict_InterruptionIsReal()
    {
        await using var h = new EngineHarness();
        await DisclosurePlayingAsync(h);

        await InterruptAsync(h, 300);
        var again = h.NextSpeechSequence();
        await h.PostAsync(new PayerStartedSpeaking(again));
        await h.PostAsync(new FinalTranscript("", 0, []));      // the first burst was noise, but the payer goes on
        Assert.DoesNotContain(h.Engine.Utterances, u => u.Resumes is not null);

        await h.AdvanceAsync(800);
        await h.PostAsync(new PayerStoppedSpeaking(again, h.Time.GetUtcNow()));
        await h.PostAsync(new FinalTranscript("i will pay on friday", 0.9, []));
        Assert.Contains(h.Engine.Utterances, u => u.Text == W.DisclosureAgain); // the dialog knew it was cut
    }

    [Fact]
    public async Task Handle_ResumeDisabled_EveryBargeInIsATurn()
    {
        await using var h = new EngineHarness(new ConversationOptions { ResumeFalseInterruptions = false });
        await DisclosurePlayingAsync(h);

        var before = h.Engine.Utterances.Count;
        await InterruptAsync(h, 300);
        await h.PostAsync(new FinalTranscript("", 0, []));

        Assert.Equal(before, h.Engine.Utterances.Count);        // nothing said again: the payer has the turn
        await h.Engine.FlushRecordsAsync();
        Assert.DoesNotContain(h.Recorder.Events, e => e.Type == "false-interruption");
    }
}
