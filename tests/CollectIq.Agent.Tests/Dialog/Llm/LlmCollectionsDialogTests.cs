using CollectIq.Agent.Conversation;
using CollectIq.Agent.Dialog;
using CollectIq.Agent.Dialog.Llm;
using CollectIq.Agent.Tests.Fakes;
using CollectIq.Domain.Calls;
using CollectIq.Speech.Recognition;
using W = CollectIq.Agent.Dialog.DialogWording;

namespace CollectIq.Agent.Tests.Dialog.Llm;

/// <summary>
/// The LLM brain end to end through the real engine and the real OpenAI SDK against a local fake
/// chat-completions server: what the LLM may word, what stays deterministic, and the fallbacks.
/// </summary>
public class LlmCollectionsDialogTests
{
    private static readonly string[] DebtWords = ["debt", "balance", "owe", "overdue", "payment", "invoice", "dollar", "$"];

    private static Func<FakeChatRequest, FakeChatReply, Task> ToolCall(string name, string args, string? text = null) => async (_, reply) =>
    {
        if (text is not null) await reply.TextAsync(text);
        await reply.ToolCallAsync(name, args);
    };

    [Fact]
    public async Task RightPartyGate_LlmWantsToTalkDebtAndRecord_NeverAskedBeforeConfirmation()
    {
        await using var h = await LlmEngineHarness.StartAsync();
        h.Server.OnRequest = ToolCall(LlmTools.PromiseToPay, """{"amount":245.5,"date":"2026-11-27"}""", "Your overdue balance is $245.50. ");
        await h.StartCallAsync();
        await h.PlayAllAsync();
        await h.PayerSaysAsync("who is this");
        await h.PlayAllAsync();
        await h.PayerSaysAsync("hmm what");
        await h.PlayAllAsync();

        // Before the right party confirmed: the LLM was never asked, and nothing about the debt was said.
        Assert.Empty(h.Server.Requests);
        Assert.Equal(DialogState.RightPartyCheck, h.Brain.State);
        foreach (var sentence in h.Spoken)
            Assert.DoesNotContain(DebtWords, w => sentence.Contains(w, StringComparison.OrdinalIgnoreCase));

        await h.PayerSaysAsync("yes speaking");
        await h.PlayAllAsync();
        Assert.Empty(h.Server.Requests); // disclosure, balance and the ask are fixed wording
        var spoken = h.Spoken.ToList();
        Assert.Contains(spoken, s => W.Disclosure.StartsWith(s, StringComparison.Ordinal));
        Assert.Equal(W.Ask, spoken[^1]);
        Assert.Equal(DialogState.Ask, h.Brain.State);

        // The first LLM turn asks to record at once: the state machine reads it back, nothing recorded yet.
        await h.PayerSaysToLlmAsync("I can pay it all on friday");
        var request = Assert.Single(h.Server.Requests);
        Assert.True(request.Stream);
        Assert.Contains(LlmTools.PromiseToPay, request.ToolNames);
        Assert.Equal("I can pay it all on friday", request.LastUser);
        Assert.Contains("$245.50", request.System);
        Assert.Contains("2026-11-25", request.System);
        Assert.DoesNotContain("5551234567", request.System);
        Assert.Contains("Your overdue balance is two hundred forty-five dollars and fifty cents.", h.Spoken);
        Assert.Equal(DialogState.ConfirmPromise, h.Brain.State);
        Assert.Equal("So that's two hundred forty-five dollars and fifty cents on Friday, November twenty-seventh — is that right?", h.LastSaid);
        Assert.Empty(await h.OutcomesAsync());
    }

    [Fact]
    public async Task DisclosureCutByBargeIn_SaidAgainByRulesBeforeTheLlmIsAsked()
    {
        await using var h = await LlmEngineHarness.StartAsync();
        h.Server.OnRequest = (_, reply) => reply.TextAsync("Let's talk about your balance.");
        await h.StartCallAsync();
        await h.PlayAllAsync();
        await h.PayerSaysAsync("yes speaking");
        var disclosure = h.Engine.Utterances.Single(u => u.Tag == CollectionsDialog.DisclosureTag);
        var sequence = h.NextSpeechSequence();
        await h.PostAsync(new PayerStartedSpeaking(sequence));
        await h.AdvanceAsync(250);
        Assert.True(disclosure.Interrupted);
        await h.PostAsync(new PayerStoppedSpeaking(sequence, h.Time.GetUtcNow()));
        await h.PostAsync(new FinalTranscript("sorry what was that about", 0.9, []));

        Assert.Empty(h.Server.Requests);
        Assert.Equal([W.DisclosureAgain, W.Disclosure], h.Said.TakeLast(4).Take(2));
        await h.PlayAllAsync();
        await h.PayerSaysToLlmAsync("okay what do I owe");
        Assert.Single(h.Server.Requests); // heard in full now: the free conversation may start
    }

    [Fact]
    public async Task PromiseToolCall_PayerConfirms_RecordsAmountAndDateThenHangsUp()
    {
        await using var h = await LlmEngineHarness.StartAsync();
        await h.PastTheGateAsync();
        h.Server.OnRequest = ToolCall(LlmTools.PromiseToPay, """{"amount":100,"date":"2026-12-04"}""");
        await h.PayerSaysToLlmAsync("I can do a hundred bucks next week, say the fourth");
        await h.PlayAllAsync();
        Assert.Equal("So that's one hundred dollars on Friday, December fourth — is that right?", h.LastSaid);
        Assert.Empty(await h.OutcomesAsync());

        await h.PayerSaysAsync("yes");
        await h.PlayAllAsync();
        var (outcome, json) = Assert.Single(await h.OutcomesAsync());
        Assert.Equal(CallOutcome.PartialPayment, outcome);
        var detail = OutcomeDetail.FromJson(json)!;
        Assert.Equal(100m, detail.Amount);
        Assert.Equal(new DateOnly(2026, 12, 4), detail.Date);
        Assert.Equal("USD", detail.Currency);
        Assert.Single(h.Outbound.HangUps);
        Assert.Single(h.Server.Requests); // the confirmation never went through the LLM
    }

    [Theory]
    [InlineData("""{"amount":500,"date":"2026-12-04"}""", "That's more than the open balance of two hundred forty-five dollars and fifty cents.", DialogState.AskPromiseAmount)]
    [InlineData("""{"amount":-20,"date":"2026-12-04"}""", W.AskAmount, DialogState.AskPromiseAmount)]
    [InlineData("""{"amount":100,"date":"2026-11-20"}""", W.DateInPast, DialogState.AskPromiseDate)]
    [InlineData("""{"amount":100,"date":"2027-06-01"}""", W.DateTooFar, DialogState.AskPromiseDate)]
    [InlineData("""{"amount":100}""", W.AskDate, DialogState.AskPromiseDate)]
    public async Task PromiseToolCall_InvalidArguments_ReAskedNothingRecorded(string args, string said, DialogState state)
    {
        await using var h = await LlmEngineHarness.StartAsync();
        await h.PastTheGateAsync();
        h.Server.OnRequest = ToolCall(LlmTools.PromiseToPay, args);
        await h.PayerSaysToLlmAsync("I will pay you");
        Assert.Equal(state, h.Brain.State);
        Assert.Contains(said, h.Said);
        Assert.DoesNotContain(h.Said, s => s.StartsWith("So that's", StringComparison.Ordinal));
        Assert.Empty(await h.OutcomesAsync());
        Assert.Equal(0, h.Brain.Failures); // a wrong value is re-asked, not a provider failure
    }

    [Fact]
    public async Task StreamedReply_FirstSentenceReachesSpeechBeforeTheStreamEnds()
    {
        await using var h = await LlmEngineHarness.StartAsync();
        await h.PastTheGateAsync();
        var release = new TaskCompletionSource();
        h.Server.OnRequest = async (request, reply) =>
        {
            await reply.TextAsync("I understand, money is tight this month. ");
            await reply.TextAsync("We can look at");
            await release.Task.WaitAsync(request.Aborted);
            await reply.TextAsync(" a smaller amount first. When could you pay part of it?");
        };
        await h.PayerSaysAsync("I can't pay all of it right now");
        await h.UntilAsync(() => h.Spoken.Contains("I understand, money is tight this month."));
        Assert.True(h.Brain.ReplyPending); // the model is still generating
        Assert.Contains(h.Outbound.Marks, m => m.EndsWith(".0", StringComparison.Ordinal) && m.StartsWith($"u{h.Engine.Utterances[^1].Id}.", StringComparison.Ordinal));

        release.SetResult();
        await h.ReplyDoneAsync();
        await h.PlayAllAsync();
        Assert.Equal(["I understand, money is tight this month.", "We can look at a smaller amount first.", "When could you pay part of it?"],
            h.Spoken.TakeLast(3));
        Assert.Equal(DialogState.Ask, h.Brain.State);
        var utterance = h.Engine.Utterances[^1];
        Assert.True(utterance.FullyPlayed);
        await h.Engine.FlushRecordsAsync();
        Assert.Contains(h.Recorder.Turns, t => t.Speaker == Speaker.Agent && t.Text == "I understand, money is tight this month. We can look at a smaller amount first. When could you pay part of it?");
        // Played to the end: the silence timer runs again, as after any agent turn.
        await h.AdvanceAsync(6000);
        Assert.Equal(W.StillThere, h.Said[^2]);
    }

    [Fact]
    public async Task ProviderError_MidCall_RulesAnswerAndTheCallReachesAnOutcome()
    {
        await using var h = await LlmEngineHarness.StartAsync();
        await h.PastTheGateAsync();
        h.Server.OnRequest = (_, _) => throw new InvalidOperationException("provider down");
        await h.PayerSaysToLlmAsync("I can pay two hundred dollars on friday");
        Assert.Equal(1, h.Brain.Failures);
        Assert.False(h.Brain.Degraded);
        Assert.Equal(DialogState.ConfirmPromise, h.Brain.State);
        Assert.Equal("So that's two hundred dollars on Friday, November twenty-seventh — is that right?", h.LastSaid);
        await h.PlayAllAsync();
        await h.PayerSaysAsync("yes");
        await h.PlayAllAsync();
        var (outcome, json) = Assert.Single(await h.OutcomesAsync());
        Assert.Equal(CallOutcome.PartialPayment, outcome);
        Assert.Equal(200m, OutcomeDetail.FromJson(json)!.Amount);
        Assert.Single(h.Outbound.HangUps);
    }

    [Fact]
    public async Task FirstTokenTimeout_RulesAnswerAndTheRequestIsCancelled()
    {
        await using var h = await LlmEngineHarness.StartAsync(new LlmDialogOptions { FirstTokenTimeoutMs = 2000, ReplyTimeoutMs = 8000 });
        await h.PastTheGateAsync();
        h.Server.OnRequest = async (request, _) => await Task.Delay(Timeout.Infinite, request.Aborted);
        await h.PayerSaysAsync("send me a link please");
        await h.UntilAsync(() => h.Server.Requests.Count == 1);
        Assert.True(h.Brain.ReplyPending);
        await h.AdvanceAsync(2100);
        await h.ReplyDoneAsync();
        Assert.Equal(1, h.Brain.Failures);
        Assert.Equal(DialogState.ConfirmPaymentLink, h.Brain.State);
        Assert.Equal(W.ConfirmPaymentLink, h.LastSaid);
        await EventuallyAsync(() => h.Server.Aborted == 1);
    }

    [Fact]
    public async Task ReplyTimeout_AfterFirstSentence_SpokenPartStaysAndRulesAnswer()
    {
        await using var h = await LlmEngineHarness.StartAsync(new LlmDialogOptions { FirstTokenTimeoutMs = 2000, ReplyTimeoutMs = 5000 });
        await h.PastTheGateAsync();
        h.Server.OnRequest = async (request, reply) =>
        {
            await reply.TextAsync("Let me see. ");
            await reply.TextAsync("One");
            await Task.Delay(Timeout.Infinite, request.Aborted);
        };
        await h.PayerSaysAsync("call me back tomorrow at three");
        await h.UntilAsync(() => h.Spoken.Contains("Let me see."));
        await h.AdvanceAsync(3000); // past the first-token timeout: tokens came, so no failure yet
        Assert.True(h.Brain.ReplyPending);
        await h.AdvanceAsync(2100);
        await h.ReplyDoneAsync();
        Assert.Equal(1, h.Brain.Failures);
        Assert.Equal(DialogState.ConfirmCallback, h.Brain.State);
        Assert.Equal("So we'll call you back on Thursday, November twenty-sixth at three p.m. — is that right?", h.LastSaid);
    }

    [Fact]
    public async Task MalformedToolCall_RulesAnswer()
    {
        await using var h = await LlmEngineHarness.StartAsync();
        await h.PastTheGateAsync();
        h.Server.OnRequest = ToolCall(LlmTools.PromiseToPay, """{"amount": two hundred, "date""");
        await h.PayerSaysToLlmAsync("I already paid last friday");
        Assert.Equal(1, h.Brain.Failures);
        Assert.Equal(DialogState.AskPaidReference, h.Brain.State);
        Assert.Empty(await h.OutcomesAsync());
    }

    [Fact]
    public async Task UnknownTool_RulesAnswer()
    {
        await using var h = await LlmEngineHarness.StartAsync();
        await h.PastTheGateAsync();
        h.Server.OnRequest = ToolCall("waive_the_balance", "{}");
        await h.PayerSaysToLlmAsync("can you just forget about it");
        Assert.Equal(1, h.Brain.Failures);
        Assert.Equal(W.NotUnderstood, h.Said[^2]);
        Assert.Empty(await h.OutcomesAsync());
    }

    [Fact]
    public async Task Listen_FreeConversationOpenLanguageModel_FixedStatesTheirGrammar()
    {
        await using var h = await LlmEngineHarness.StartAsync(new LlmDialogOptions { MaxFailuresPerCall = 1 });
        await h.StartCallAsync();
        Assert.Equal(ExpectedAnswer.Identity, h.Brain.Listen.Expected);
        await h.PlayAllAsync();
        await h.PayerSaysAsync("yes speaking");
        Assert.Equal(ExpectedAnswer.Open, h.Listens[^1].Expected); // the payer may say anything to the LLM
        await h.PlayAllAsync();

        h.Server.OnRequest = ToolCall(LlmTools.PaymentLink, "{}");
        await h.PayerSaysToLlmAsync("text me a link");
        Assert.Equal(ExpectedAnswer.YesNo, h.Listens[^1].Expected); // the confirmation is the state machine's
        await h.PlayAllAsync();
        h.Server.OnRequest = (_, _) => throw new InvalidOperationException("provider down");
        await h.PayerSaysAsync("no");                                // back to the free conversation
        Assert.Equal(ExpectedAnswer.Open, h.Listens[^1].Expected);
        await h.PlayAllAsync();
        await h.PayerSaysToLlmAsync("so what now");                  // fails: the call stays deterministic
        Assert.True(h.Brain.Degraded);
        Assert.Equal(ExpectedAnswer.Intent, h.Listens[^1].Expected);
    }

    [Fact]
    public async Task RepeatedFailures_CallStaysDeterministic()
    {
        await using var h = await LlmEngineHarness.StartAsync(new LlmDialogOptions { MaxFailuresPerCall = 2 });
        await h.PastTheGateAsync();
        h.Server.OnRequest = (_, _) => throw new InvalidOperationException("provider down");
        await h.PayerSaysToLlmAsync("what is this about");
        await h.PlayAllAsync();
        await h.PayerSaysToLlmAsync("what do you mean");
        await h.PlayAllAsync();
        Assert.True(h.Brain.Degraded);
        Assert.Equal(2, h.Server.Requests.Count);

        await h.PayerSaysAsync("I can pay two hundred dollars on friday");
        Assert.Equal(2, h.Server.Requests.Count); // not asked again
        Assert.Equal(DialogState.ConfirmPromise, h.Brain.State);
    }

    [Fact]
    public async Task BargeIn_CancelsTheStreamedReply()
    {
        await using var h = await LlmEngineHarness.StartAsync();
        await h.PastTheGateAsync();
        h.Server.OnRequest = async (request, reply) =>
        {
            await reply.TextAsync("Of course, I can explain the invoices. The first one");
            await Task.Delay(Timeout.Infinite, request.Aborted);
        };
        await h.PayerSaysAsync("what are these invoices for");
        await h.UntilAsync(() => h.Spoken.Contains("Of course, I can explain the invoices."));
        var reply = h.Engine.Utterances[^1];
        Assert.Equal(LlmCollectionsDialog.ReplyTag, reply.Tag);

        var sequence = h.NextSpeechSequence();
        await h.PostAsync(new PayerStartedSpeaking(sequence));
        await h.AdvanceAsync(250); // longer than the barge-in minimum
        Assert.True(reply.Interrupted);
        Assert.Equal(1, h.Outbound.ClearCount);
        Assert.False(h.Brain.ReplyPending);
        await EventuallyAsync(() => h.Server.Aborted == 1);

        // The payer's next words start a fresh reply; the model's history has only what was heard (nothing).
        h.Server.OnRequest = (_, r) => r.TextAsync("Sure, go ahead.");
        await h.PostAsync(new PayerStoppedSpeaking(sequence, h.Time.GetUtcNow()));
        await h.PostAsync(new FinalTranscript("sorry I have a question", 0.9, []));
        await h.ReplyDoneAsync();
        Assert.Equal("Sure, go ahead.", h.Spoken[^1]);
        var second = h.Server.Requests[^1];
        Assert.DoesNotContain(second.Messages, m => m.Content.Contains("The first one", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HangUpDuringReply_RequestCancelledAndCallRecordedIncomplete()
    {
        await using var h = await LlmEngineHarness.StartAsync();
        await h.PastTheGateAsync();
        h.Server.OnRequest = async (request, reply) =>
        {
            await reply.TextAsync("Let me check that for you. One"); // a sentence is complete once the next one starts
            await Task.Delay(Timeout.Infinite, request.Aborted);
        };
        await h.PayerSaysAsync("is there any way to pay less");
        await h.UntilAsync(() => h.Spoken.Contains("Let me check that for you."));
        await h.PostAsync(new StreamStopped());
        Assert.False(h.Brain.ReplyPending);
        await EventuallyAsync(() => h.Server.Aborted == 1);
        var (outcome, _) = Assert.Single(await h.OutcomesAsync());
        Assert.Equal(CallOutcome.Unknown, outcome);
        Assert.Contains(h.Recorder.Turns, t => t.Speaker == Speaker.Agent && t.Text == "Let me check that for you.");
    }

    [Fact]
    public async Task ClearOptOut_HonouredByRulesWithoutTheLlm()
    {
        await using var h = await LlmEngineHarness.StartAsync();
        await h.PastTheGateAsync();
        await h.PayerSaysAsync("stop calling me");
        Assert.Empty(h.Server.Requests);
        Assert.Equal(DialogState.Ended, h.Brain.State);
        Assert.Equal(CallOutcome.OptOut, Assert.Single(await h.OutcomesAsync()).Outcome);
    }

    [Fact]
    public async Task OptOutToolCall_ConfirmedBeforeActing()
    {
        await using var h = await LlmEngineHarness.StartAsync();
        await h.PastTheGateAsync();
        h.Server.OnRequest = ToolCall(LlmTools.OptOut, "{}");
        await h.PayerSaysToLlmAsync("I'd rather you people left me alone");
        Assert.Equal(DialogState.ConfirmOptOut, h.Brain.State);
        Assert.Equal(W.OptOutConfirm, h.LastSaid);
        Assert.Empty(await h.OutcomesAsync());
        await h.PlayAllAsync();
        await h.PayerSaysAsync("yes");
        Assert.Equal(CallOutcome.OptOut, Assert.Single(await h.OutcomesAsync()).Outcome);
    }

    [Fact]
    public async Task FreeText_GuardKeepsThreatsAndInventedAmountsFromThePayer()
    {
        await using var h = await LlmEngineHarness.StartAsync();
        await h.PastTheGateAsync();
        h.Server.OnRequest = (_, reply) => reply.TextAsync(
            "If you don't pay we will take legal action and report you to the credit bureau. You could settle for $50 today. I understand this is a hard time.");
        var before = h.Spoken.Count;
        await h.PayerSaysToLlmAsync("I really can't afford this");
        Assert.Equal(["I understand this is a hard time."], h.Spoken.Skip(before));
        Assert.Equal(DialogState.Ask, h.Brain.State);
        Assert.Equal(0, h.Brain.Failures);
    }

    [Fact]
    public async Task FreeText_LongReply_OnlyTheFirstSentencesSpoken()
    {
        await using var h = await LlmEngineHarness.StartAsync(new LlmDialogOptions { MaxReplySentences = 2 });
        await h.PastTheGateAsync();
        h.Server.OnRequest = (_, reply) => reply.TextAsync("One thing first. Second point here. Third point here. Fourth point here.");
        var before = h.Spoken.Count;
        await h.PayerSaysToLlmAsync("tell me everything");
        Assert.Equal(["One thing first.", "Second point here."], h.Spoken.Skip(before));
        Assert.Equal("One thing first. Second point here.", h.LastSaid);
    }

    [Fact]
    public async Task NothingUsable_RulesAnswer()
    {
        await using var h = await LlmEngineHarness.StartAsync();
        await h.PastTheGateAsync();
        h.Server.OnRequest = (_, reply) => reply.TextAsync("We will sue you in court.");
        await h.PayerSaysToLlmAsync("I can pay two hundred dollars on friday");
        Assert.Equal(1, h.Brain.Failures);
        Assert.Equal(DialogState.ConfirmPromise, h.Brain.State);
        Assert.DoesNotContain(h.Spoken, s => s.Contains("sue", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task DisputeToolCall_ConfirmedThenRecorded()
    {
        await using var h = await LlmEngineHarness.StartAsync();
        await h.PastTheGateAsync();
        h.Server.OnRequest = ToolCall(LlmTools.Dispute, """{"invoice":"INV-1002","reason":"goods never delivered"}""");
        await h.PayerSaysToLlmAsync("the second invoice is wrong, we never got those goods");
        Assert.Equal("So you dispute invoice one zero zero two, because: goods never delivered. Is that right?", h.LastSaid);
        await h.PlayAllAsync();
        await h.PayerSaysAsync("yes");
        var (outcome, json) = Assert.Single(await h.OutcomesAsync());
        Assert.Equal(CallOutcome.Dispute, outcome);
        Assert.Equal("INV-1002", OutcomeDetail.FromJson(json)!.InvoiceNumber);
    }

    [Fact]
    public async Task CallbackToolCall_OutsideCallingHours_ReAsked()
    {
        await using var h = await LlmEngineHarness.StartAsync();
        await h.PastTheGateAsync();
        h.Server.OnRequest = ToolCall(LlmTools.Callback, """{"when":"2026-11-26T22:30"}""");
        await h.PayerSaysToLlmAsync("call me tomorrow night after ten thirty");
        Assert.Equal(DialogState.AskCallbackTime, h.Brain.State);
        Assert.Contains(W.CallbackOutsideHours, h.Said);
        Assert.Empty(await h.OutcomesAsync());
    }

    [Fact]
    public async Task EndCallToolCall_FixedCloseRecordedIncomplete()
    {
        await using var h = await LlmEngineHarness.StartAsync();
        await h.PastTheGateAsync();
        h.Server.OnRequest = ToolCall(LlmTools.EndCall, "{}", "Thanks for letting me know. ");
        await h.PayerSaysToLlmAsync("I have to go now, bye");
        await h.PlayAllAsync();
        Assert.Equal("Thank you for your time. If you have any questions, please call us at five five five, one two three, four five six seven. Goodbye.", h.LastSaid);
        Assert.Equal(CallOutcome.Unknown, Assert.Single(await h.OutcomesAsync()).Outcome);
        Assert.Single(h.Outbound.HangUps);
    }

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Condition not met within 10 s.");
            await Task.Delay(10);
        }
    }
}
