using CollectIq.Agent.Dialog;
using CollectIq.Domain.Calls;
using CollectIq.Speech.Recognition;
using W = CollectIq.Agent.Dialog.DialogWording;

namespace CollectIq.Agent.Tests.Dialog;

public class CollectionsDialogTests
{
    /// <summary>Words that reveal a debt to whoever answers; none may be said before right-party confirmation.</summary>
    private static readonly string[] DebtWords =
        ["debt", "balance", "invoice", "owe", "dollar", "cent", "payment", "overdue", "collect", "amount", "due", "pay", "two hundred", "forty-five"];

    private static void AssertNothingAboutTheDebt(IEnumerable<string> said)
    {
        foreach (var text in said)
            foreach (var word in DebtWords)
                Assert.False(text.Contains(word, StringComparison.OrdinalIgnoreCase), $"'{word}' said before right-party confirmation: {text}");
    }

    [Fact]
    public void Start_Greeting_AsksForContactAndSaysNothingAboutTheDebt()
    {
        var h = new DialogHarness();
        var said = Assert.Single(h.Responses[0].SaidTexts);
        Assert.Equal("Hello, this is the automated assistant of Acme Supplies. Am I speaking with Jordan Smith?", said);
        Assert.Equal(ExpectedAnswer.Identity, h.Responses[0].Listen.Expected);
        AssertNothingAboutTheDebt(h.AllSaid);
    }

    [Fact]
    public void Handle_RightPartyConfirmed_SaysDisclosureThenBalanceThenAsk()
    {
        var h = new DialogHarness();
        var response = h.ConfirmIdentity();
        var says = response.Actions.OfType<SayAction>().ToList();
        Assert.Equal(W.Disclosure, says[0].Text);
        Assert.Equal(CollectionsDialog.DisclosureTag, says[0].Tag);
        Assert.Equal("Our records show two overdue invoices, with a total open balance of two hundred forty-five dollars and fifty cents. The oldest was due on Thursday, October first.", says[1].Text);
        Assert.Equal(W.Ask, says[2].Text);
        Assert.Equal(DialogState.Ask, response.State);
        Assert.Equal(ExpectedAnswer.Intent, response.Listen.Expected);
    }

    [Fact]
    public void Handle_PromiseConfirmed_RecordsPartialPaymentWithAmountAndDate()
    {
        var h = new DialogHarness();
        h.ConfirmIdentity();
        var confirm = h.Say("I can pay two hundred on the fifteenth");
        Assert.Equal("So that's two hundred dollars on Tuesday, December fifteenth — is that right?", Assert.Single(confirm.SaidTexts));
        Assert.Equal(ExpectedAnswer.YesNo, confirm.Listen.Expected);
        Assert.Empty(h.Outcomes);

        var done = h.Say("yes that's right");
        var outcome = h.SingleOutcome;
        Assert.Equal(CallOutcome.PartialPayment, outcome.Outcome);
        Assert.Equal(200m, outcome.Detail.Amount);
        Assert.Equal("USD", outcome.Detail.Currency);
        Assert.Equal(new DateOnly(2026, 12, 15), outcome.Detail.Date);
        Assert.True(done.EndsCall);
        Assert.Contains(done.Actions.OfType<SayAction>(), s => !s.Interruptible && s.Text.Contains("two hundred dollars on Tuesday, December fifteenth"));
        Assert.Equal("""{"amount":200,"currency":"USD","date":"2026-12-15"}""", outcome.Detail.ToJson());
    }

    [Fact]
    public void Handle_PromiseWithoutAmount_DefaultsToFullBalance()
    {
        var h = new DialogHarness();
        h.ConfirmIdentity();
        var confirm = h.Say("I'll pay it next friday");
        Assert.Contains("two hundred forty-five dollars and fifty cents on Friday, December fourth", Assert.Single(confirm.SaidTexts));
        h.Say("yes");
        Assert.Equal(CallOutcome.PromiseToPay, h.SingleOutcome.Outcome);
        Assert.Equal(245.50m, h.SingleOutcome.Detail.Amount);
    }

    [Fact]
    public void Handle_PromiseWithoutDate_AsksDateWithLongEndpointing()
    {
        var h = new DialogHarness();
        h.ConfirmIdentity();
        var ask = h.Say("I'll pay the full amount");
        Assert.Equal(DialogState.AskPromiseDate, ask.State);
        Assert.Equal(ExpectedAnswer.Date, ask.Listen.Expected);
        Assert.True(ask.Listen.ExpectsNumberOrDate);
        h.Say("end of the month");
        var confirm = h.Responses[^1];
        Assert.Contains("Monday, November thirtieth", Assert.Single(confirm.SaidTexts));
    }

    [Fact]
    public void Handle_ConfirmRejectedWithCorrection_ReconfirmsNewDate()
    {
        var h = new DialogHarness();
        h.ConfirmIdentity();
        h.Say("I can pay two hundred on the fifteenth");
        var again = h.Say("no on friday");
        Assert.Contains("two hundred dollars on Friday, November twenty-seventh", Assert.Single(again.SaidTexts));
        Assert.Empty(h.Outcomes);
        h.Say("yes");
        Assert.Equal(new DateOnly(2026, 11, 27), h.SingleOutcome.Detail.Date);
    }

    [Fact]
    public void Handle_LowConfidencePromise_IsReaskedNotRecorded()
    {
        var h = new DialogHarness();
        h.ConfirmIdentity();
        // "hold on a second", misheard with low confidence
        var response = h.Say("i will pay on the second", confidence: 0.45);
        Assert.Equal(DialogState.Ask, response.State);
        Assert.Equal(W.NotUnderstood, response.SaidTexts.First());
        Assert.Empty(h.Outcomes);
    }

    [Fact]
    public void Handle_HoldOn_WaitsWithoutCountingAFailure()
    {
        var h = new DialogHarness();
        h.ConfirmIdentity();
        var response = h.Say("hold on a second", confidence: 0.95);
        Assert.Equal(W.Hold, Assert.Single(response.SaidTexts));
        Assert.Equal(DialogState.Ask, response.State);
        Assert.Empty(h.Outcomes);
    }

    [Fact]
    public void Handle_SomeoneElseHandlesBills_IsUnknownAndReasked()
    {
        var h = new DialogHarness();
        h.ConfirmIdentity();
        var response = h.Say("my wife handles the bills", confidence: 0.95);
        Assert.Equal(W.NotUnderstood, response.SaidTexts.First());
        Assert.Empty(h.Outcomes);
    }

    [Fact]
    public void Handle_TwoFailedDateRecognitions_SwitchesToKeypadEntry()
    {
        var h = new DialogHarness();
        h.ConfirmIdentity();
        h.Say("I'll pay it all");
        var first = h.Say("mumble mumble");
        Assert.Equal(InputMode.Voice, first.Listen.Mode);
        var second = h.Say("blah", confidence: 0.3);
        Assert.Contains(W.AskDateKeypad, second.SaidTexts);
        Assert.Equal(InputMode.Keypad, second.Listen.Mode);
        Assert.True(second.Listen.MultiDigitKeypad);

        var confirm = h.Keys("15#");
        Assert.Contains("on Tuesday, December fifteenth", confirm.SaidTexts.First());
        Assert.Equal(ExpectedAnswer.YesNo, confirm.Listen.Expected);
        h.Keys("1");
        Assert.Equal(CallOutcome.PromiseToPay, h.SingleOutcome.Outcome);
        Assert.Equal(new DateOnly(2026, 12, 15), h.SingleOutcome.Detail.Date);
    }

    [Fact]
    public void Handle_TwoFailedConfirmations_OffersKeypadAndTwoChanges()
    {
        var h = new DialogHarness();
        h.ConfirmIdentity();
        h.Say("I can pay two hundred on the fifteenth");
        h.Say("uh", confidence: 0.2);
        var keypad = h.Say("hmm", confidence: 0.2);
        Assert.Contains(W.ConfirmKeypad, keypad.SaidTexts);
        var change = h.Keys("2");
        Assert.Equal(DialogState.AskPromiseAmount, change.State);
        Assert.Empty(h.Outcomes);
    }

    [Fact]
    public void Handle_AmountAboveBalance_IsRefused()
    {
        var h = new DialogHarness();
        h.ConfirmIdentity();
        var response = h.Say("I can pay five hundred dollars friday");
        Assert.Contains(response.SaidTexts, t => t.StartsWith("That's more than the open balance of two hundred forty-five dollars and fifty cents"));
        Assert.Equal(DialogState.AskPromiseAmount, response.State);
    }

    [Fact]
    public void Handle_WrongParty_LeavesOnlyCompanyAndCallbackNumber()
    {
        var h = new DialogHarness();
        h.Say("who is this");
        h.Say("sorry", confidence: 0.3);
        h.Silence();
        var end = h.Say("no she's not here");
        Assert.Equal("I'm sorry for the trouble. Could you please pass on a message for Jordan Smith to call Acme Supplies at five five five, one two three, four five six seven? Thank you. Goodbye.",
            Assert.Single(end.SaidTexts));
        Assert.Equal(CallOutcome.WrongParty, h.SingleOutcome.Outcome);
        Assert.True(end.EndsCall);
        Assert.Equal(DialogState.Ended, end.State);
        AssertNothingAboutTheDebt(h.AllSaid);
    }

    [Fact]
    public void Handle_BareNoAtIdentity_ChecksBackOnceThenYesContinues()
    {
        var h = new DialogHarness();
        var check = h.Say("no", confidence: 0.95);                 // what a grunt over the greeting comes out as
        Assert.Equal(DialogState.RightPartyCheck, check.State);
        Assert.False(check.EndsCall);
        Assert.Equal(["Sorry, just to be sure I have the right person: are you Jordan Smith? If you are, press 1. If not, press 2."], check.SaidTexts);
        Assert.Empty(h.Outcomes);
        var confirmed = h.Say("yes");
        Assert.Contains(DialogWording.Disclosure, confirmed.SaidTexts);
    }

    [Fact]
    public void Handle_BareNoTwiceAtIdentity_WrongParty()
    {
        var h = new DialogHarness();
        h.Say("no", confidence: 0.95);
        var end = h.Say("nope");
        Assert.True(end.EndsCall);
        Assert.Equal(CallOutcome.WrongParty, h.SingleOutcome.Outcome);
        AssertNothingAboutTheDebt(h.AllSaid);
    }

    [Theory]
    [InlineData("no wrong number")]
    [InlineData("no he's not here")]
    public void Handle_WordedNoAtIdentity_WrongPartyAtOnce(string text)
    {
        var h = new DialogHarness();
        var end = h.Say(text, confidence: 0.95);
        Assert.True(end.EndsCall);
        Assert.Equal(CallOutcome.WrongParty, h.SingleOutcome.Outcome);
    }

    [Fact]
    public void Handle_DisclosureCutReportedDuringConfirmation_RepeatsItAndKeepsTheConfirmation()
    {
        var h = new DialogHarness();
        h.ConfirmIdentity();
        h.Keys("1");                                                 // pay the full balance
        var confirm = h.Keys("15#");
        Assert.Equal(DialogState.ConfirmPromise, confirm.State);
        h.Add(new AgentInterrupted(CollectionsDialog.DisclosureTag, "This is an automated call.", FullyHeard: false));

        var repeat = h.Keys("1");                                    // not acted on before the disclosure is heard again
        Assert.Equal(DialogState.ConfirmPromise, repeat.State);
        Assert.Equal(DialogWording.DisclosureAgain, repeat.SaidTexts.First());
        Assert.Contains(DialogWording.Disclosure, repeat.SaidTexts);
        Assert.StartsWith("So that's", repeat.SaidTexts.Last());
        Assert.Empty(h.Outcomes);

        h.Keys("1");
        Assert.Equal(CallOutcome.PromiseToPay, h.SingleOutcome.Outcome);
    }

    [Fact]
    public void Handle_WrongPartyByKeypadAfterFailures_SaysNothingAboutTheDebt()
    {
        var h = new DialogHarness();
        h.Say("what", confidence: 0.2);
        var keypad = h.Say("huh", confidence: 0.2);
        Assert.Contains("If you are Jordan Smith, press 1. If not, press 2.", keypad.SaidTexts);
        h.Keys("2");
        Assert.Equal(CallOutcome.WrongParty, h.SingleOutcome.Outcome);
        AssertNothingAboutTheDebt(h.AllSaid);
    }

    [Fact]
    public void Handle_OptOutClear_HonouredAtOnce()
    {
        var h = new DialogHarness();
        h.ConfirmIdentity();
        var response = h.Say("stop calling me", confidence: 0.9);
        Assert.Contains(response.Actions, a => a is OptOutAction);
        Assert.Equal(CallOutcome.OptOut, h.SingleOutcome.Outcome);
        Assert.Equal(W.OptOutDone, Assert.Single(response.SaidTexts));
        Assert.True(response.EndsCall);
    }

    [Fact]
    public void Handle_OptOutMediumConfidence_ConfirmsFirst()
    {
        var h = new DialogHarness();
        h.ConfirmIdentity();
        var confirm = h.Say("stop calling me", confidence: 0.7);
        Assert.Equal(DialogState.ConfirmOptOut, confirm.State);
        Assert.DoesNotContain(confirm.Actions, a => a is OptOutAction);
        var declined = h.Say("no");
        Assert.Equal(DialogState.Ask, declined.State);
        Assert.Empty(h.Outcomes);
        h.Say("don't call me again", confidence: 0.7);
        var done = h.Say("yes");
        Assert.Contains(done.Actions, a => a is OptOutAction);
        Assert.Equal(CallOutcome.OptOut, h.SingleOutcome.Outcome);
    }

    [Fact]
    public void Handle_OptOutBeforeRightParty_HonouredWithoutDebtDetail()
    {
        var h = new DialogHarness();
        h.Say("take me off your list", confidence: 0.9);
        Assert.Equal(CallOutcome.OptOut, h.SingleOutcome.Outcome);
        AssertNothingAboutTheDebt(h.AllSaid);
    }

    [Fact]
    public void Handle_Dispute_AsksInvoiceAndReasonThenConfirms()
    {
        var h = new DialogHarness();
        h.ConfirmIdentity();
        var whichInvoice = h.Say("I dispute this");
        Assert.Equal(DialogState.AskDisputeInvoice, whichInvoice.State);
        var why = h.Say("ten oh two");
        Assert.Equal(DialogState.AskDisputeReason, why.State);
        var confirm = h.Say("the goods arrived broken", confidence: 0.5);
        Assert.Equal("So you dispute invoice one zero zero two, because: the goods arrived broken. Is that right?", Assert.Single(confirm.SaidTexts));
        Assert.Empty(h.Outcomes);
        h.Say("yes");
        var outcome = h.SingleOutcome;
        Assert.Equal(CallOutcome.Dispute, outcome.Outcome);
        Assert.Equal("INV-1002", outcome.Detail.InvoiceNumber);
        Assert.Equal("the goods arrived broken", outcome.Detail.Reason);
    }

    [Fact]
    public void Handle_DisputeOfAllByKeypad_RecordsAllInvoices()
    {
        var h = new DialogHarness();
        h.ConfirmIdentity();
        h.Say("xyz", 0.2); h.Say("xyz", 0.2);
        h.Keys("3");
        h.Keys("0#");
        h.Say("I never ordered these");
        h.Keys("1");
        Assert.Equal(CallOutcome.Dispute, h.SingleOutcome.Outcome);
        Assert.Null(h.SingleOutcome.Detail.InvoiceNumber);
        Assert.Equal("all open invoices", h.SingleOutcome.Detail.Note);
    }

    [Fact]
    public void Handle_AlreadyPaid_RecordsDateAndReferenceAfterConfirmation()
    {
        var h = new DialogHarness();
        h.ConfirmIdentity();
        var reference = h.Say("I already paid that last friday");
        Assert.Equal(DialogState.AskPaidReference, reference.State);
        var confirm = h.Keys("4471#");
        Assert.Equal("So you paid on Friday, November twentieth, reference four four seven one — is that right?", Assert.Single(confirm.SaidTexts));
        h.Say("correct");
        var outcome = h.SingleOutcome;
        Assert.Equal(CallOutcome.AlreadyPaid, outcome.Outcome);
        Assert.Equal(new DateOnly(2026, 11, 20), outcome.Detail.Date);
        Assert.Equal("4471", outcome.Detail.Reference);
    }

    [Fact]
    public void Handle_AlreadyPaidWithoutDate_AsksWhenInThePast()
    {
        var h = new DialogHarness();
        h.ConfirmIdentity();
        h.Say("we paid it");
        var future = h.Say("tomorrow");
        Assert.Contains(W.DateInFuture, future.SaidTexts);
        h.Say("on monday");
        h.Say("no I don't have one");
        h.Say("yes");
        Assert.Equal(new DateOnly(2026, 11, 23), h.SingleOutcome.Detail.Date);
        Assert.Null(h.SingleOutcome.Detail.Reference);
    }

    [Fact]
    public void Handle_Callback_RecordsTimeInPayerZone()
    {
        var h = new DialogHarness();
        h.ConfirmIdentity();
        var confirm = h.Say("can you call me back tomorrow at three");
        Assert.Equal("So we'll call you back on Thursday, November twenty-sixth at three p.m. — is that right?", Assert.Single(confirm.SaidTexts));
        h.Say("yes");
        Assert.Equal(CallOutcome.Callback, h.SingleOutcome.Outcome);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 15, 0, 0, TimeSpan.FromHours(-5)), h.SingleOutcome.Detail.CallbackAt);
    }

    [Fact]
    public void Handle_CallbackOutsideCallingHours_AsksAgain()
    {
        var h = new DialogHarness();
        h.ConfirmIdentity();
        var response = h.Say("call me back tomorrow at 10 pm");
        Assert.Contains(W.CallbackOutsideHours, response.SaidTexts);
        Assert.Equal(DialogState.AskCallbackTime, response.State);
    }

    [Fact]
    public void Handle_DontKnow_OffersCallback()
    {
        var h = new DialogHarness();
        h.ConfirmIdentity();
        var response = h.Say("I don't know");
        Assert.Equal(W.AskCallbackAfterDontKnow, Assert.Single(response.SaidTexts));
        Assert.Equal(DialogState.AskCallbackTime, response.State);
    }

    [Fact]
    public void Handle_PaymentLink_RecordedAfterConfirmation()
    {
        var h = new DialogHarness();
        h.ConfirmIdentity();
        var confirm = h.Say("can you send me a link");
        Assert.Equal(DialogState.ConfirmPaymentLink, confirm.State);
        h.Say("yes please");
        Assert.Equal(CallOutcome.PaymentLink, h.SingleOutcome.Outcome);
    }

    [Fact]
    public void Handle_RepeatedSilence_RepromptsThenEndsPolitely()
    {
        var h = new DialogHarness();
        h.ConfirmIdentity();
        var first = h.Silence();
        Assert.Equal([W.StillThere, W.Ask], first.SaidTexts);
        var second = h.Silence();
        Assert.Equal(W.StillThere, second.SaidTexts.First());
        Assert.False(second.EndsCall);
        var end = h.Silence();
        Assert.Equal(W.SilenceGoodbye, Assert.Single(end.SaidTexts));
        Assert.True(end.EndsCall);
        Assert.Equal(CallOutcome.Unknown, h.SingleOutcome.Outcome);
    }

    [Fact]
    public void Handle_SilenceThenAnswer_ResetsSilenceCount()
    {
        var h = new DialogHarness();
        h.ConfirmIdentity();
        h.Silence(); h.Silence();
        h.Say("hold on");
        Assert.False(h.Silence().EndsCall);
    }

    [Fact]
    public void Handle_UnknownLoop_GivesUpAsIncomplete()
    {
        var h = new DialogHarness();
        h.ConfirmIdentity();
        for (var i = 0; i < 3; i++) Assert.False(h.Say("purple elephants", 0.9).EndsCall);
        var end = h.Say("purple elephants", 0.9);
        Assert.True(end.EndsCall);
        Assert.Equal(CallOutcome.Unknown, h.SingleOutcome.Outcome);
        Assert.Contains("five five five, one two three, four five six seven", end.SaidTexts.Single());
    }

    [Fact]
    public void Handle_DisclosureInterrupted_SaysItAgainBeforeActing()
    {
        var h = new DialogHarness();
        h.ConfirmIdentity();
        h.Add(new AgentInterrupted(CollectionsDialog.DisclosureTag, "Please note: this is", FullyHeard: false));
        var response = h.Say("I'll pay on friday");
        Assert.Equal(W.DisclosureAgain, response.SaidTexts.First());
        Assert.Contains(W.Disclosure, response.SaidTexts);
        Assert.Equal(DialogState.Ask, response.State);
        Assert.Empty(h.Outcomes);
    }

    [Fact]
    public void Handle_HangUpDuringConfirmation_RecordsNoPromise()
    {
        var h = new DialogHarness();
        h.ConfirmIdentity();
        h.Say("I can pay two hundred on friday");
        h.Add(new PayerHungUp());
        Assert.Equal(CallOutcome.Unknown, h.SingleOutcome.Outcome);
        Assert.Contains("ConfirmPromise", h.SingleOutcome.Detail.Note);
        Assert.Empty(h.Add(new PayerHungUp()).Actions);
    }

    [Fact]
    public void Handle_NoOverdueInvoices_EndsAfterIdentityWithoutBalance()
    {
        var h = new DialogHarness(invoices: []);
        var end = h.ConfirmIdentity();
        Assert.True(end.EndsCall);
        Assert.DoesNotContain(W.Disclosure, end.SaidTexts);
    }
}

public class CollectionsDialogAmountTests
{
    [Fact]
    public void Handle_ZeroAmount_AsksForTheAmount()
    {
        var h = new DialogHarness();
        h.ConfirmIdentity();
        var response = h.Say("I can pay zero dollars on friday");
        Assert.Equal(DialogState.AskPromiseAmount, response.State);
        Assert.Empty(h.Outcomes);
    }
}
