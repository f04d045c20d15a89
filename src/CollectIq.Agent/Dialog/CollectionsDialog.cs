using System.Text;
using CollectIq.Agent.Speaking;
using CollectIq.Agent.Understanding;
using CollectIq.Domain.Calls;
using CollectIq.Speech.Recognition;
using W = CollectIq.Agent.Dialog.DialogWording;

namespace CollectIq.Agent.Dialog;

/// <summary>
/// The deterministic collections dialog: a state machine with fixed wording (chart in
/// docs/DIALOG.md). Rules it never breaks: nothing about the debt before the right person
/// confirms; the disclosure is heard before the balance (said again if cut off); nothing is
/// recorded from a low-confidence recognition; promises, disputes, paid claims and callbacks are
/// read back and confirmed before they are recorded; opt-out is honoured at once.
/// </summary>
public sealed partial class CollectionsDialog : ICollectionsDialog
{
    public const string DisclosureTag = "disclosure";
    public const string BalanceTag = "balance";
    public const string AllInvoices = "all";

    /// <summary>An intent only the LLM saw is never sure enough to act on without a confirmation (opt-out included).</summary>
    public const double LlmOnlyMaxConfidence = 0.75;

    private readonly DialogContext _context;
    private readonly IUtteranceUnderstander _understander;
    private readonly TimeProvider _time;
    private readonly DialogOptions _options;

    private readonly List<DialogAction> _actions = [];
    private readonly StringBuilder _keypad = new();
    private int _failures;
    private int _silences;
    private bool _rightPartyConfirmed;
    private bool _disclosureNeedsRepeat;
    private bool _bareNoAtIdentity; // a bare "no" to "am I speaking with…?" was heard once and checked back
    private bool _outcomeRecorded;
    private DialogState _stateBeforeOptOutConfirm;

    // The facts gathered so far (the draft of the outcome).
    private decimal? _amount;
    private DateOnly? _date;
    private string? _reference;
    private string? _invoice;
    private string? _reason;
    private DateTimeOffset? _callbackAt;

    public CollectionsDialog(DialogContext context, IUtteranceUnderstander understander, TimeProvider time, DialogOptions? options = null)
    {
        _context = context;
        _understander = understander;
        _time = time;
        _options = options ?? new DialogOptions();
    }

    public DialogState State { get; private set; } = DialogState.NotStarted;

    public ListenSpec Listen => ListenFor(State);

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(_time.GetUtcNow(), _context.TimeZone).DateTime);

    private bool KeypadMode => _failures >= _options.FailuresBeforeKeypad;

    public DialogResponse Start()
    {
        if (State != DialogState.NotStarted) throw new InvalidOperationException("The dialog has already started.");
        State = DialogState.RightPartyCheck;
        Say(W.Fill(W.GreetingTemplate, _context));
        return Flush();
    }

    public DialogResponse Handle(DialogInput input)
    {
        if (State == DialogState.NotStarted) throw new InvalidOperationException("Call Start() first.");
        if (State == DialogState.Ended) return Flush();
        switch (input)
        {
            case PayerHungUp:
                if (!_outcomeRecorded) Record(CallOutcome.Unknown, new OutcomeDetail { Note = $"hung up during {State}" });
                State = DialogState.Ended;
                break;
            case AgentInterrupted interrupted:
                if (interrupted.Tag == DisclosureTag && !interrupted.FullyHeard) _disclosureNeedsRepeat = true;
                break;
            case SilenceTimedOut:
                OnSilence();
                break;
            case KeyPressed key:
                _silences = 0;
                OnKey(key.Digit);
                break;
            case PayerSaid said:
                _silences = 0;
                OnSaid(said);
                break;
            default:
                throw new ArgumentException($"Unknown dialog input {input.GetType().Name}.", nameof(input));
        }
        return Flush();
    }

    // ---------------------------------------------------------------- inputs

    private void OnSilence()
    {
        _silences++;
        if (_silences > _options.MaxSilenceReprompts)
        {
            End(W.SilenceGoodbye, CallOutcome.Unknown, new OutcomeDetail { Note = "no response (silence)" }, "silence");
            return;
        }
        Say(W.StillThere);
        Prompt();
    }

    private void OnSaid(PayerSaid said)
    {
        var rules = _understander.Understand(said.Text, said.Confidence, said.Alternatives ?? [], Today, pastDates: State == DialogState.AskPaidDate);
        // Identity is decided by the rules alone: telling a third party about a debt is the costliest mistake.
        var meaning = State == DialogState.RightPartyCheck ? rules : Merge(rules, said);
        var accepted = meaning.Confidence >= _options.AcceptConfidence;

        // Opt-out wins everywhere, before anything else.
        if (meaning.Intent == Intent.OptOut && accepted)
        {
            if (meaning.Confidence >= _options.ImmediateOptOutConfidence) OptOut();
            else GoConfirmOptOut();
            return;
        }
        if (_disclosureNeedsRepeat && _rightPartyConfirmed)
        {
            RepeatDisclosure();
            return;
        }
        if (meaning.Hold)
        {
            Say(W.Hold);
            return;
        }
        if (accepted && meaning.Intent == Intent.Repeat)
        {
            Prompt();
            return;
        }

        switch (State)
        {
            case DialogState.RightPartyCheck: OnIdentityAnswer(meaning, accepted); break;
            case DialogState.Ask: OnAskAnswer(meaning, accepted); break;
            case DialogState.AskPromiseAmount: OnPromiseAmount(meaning, accepted); break;
            case DialogState.AskPromiseDate: OnPromiseDate(meaning, accepted); break;
            case DialogState.ConfirmPromise: OnConfirmPromise(meaning, accepted); break;
            case DialogState.AskPaidDate: OnPaidDate(meaning, accepted); break;
            case DialogState.AskPaidReference: OnPaidReference(meaning, accepted); break;
            case DialogState.ConfirmPaid: OnConfirm(meaning, accepted, RecordPaid, () => { ResetDraft(); Say(W.LetsCorrect); Go(DialogState.AskPaidDate); }); break;
            case DialogState.AskDisputeInvoice: OnDisputeInvoice(meaning, accepted); break;
            case DialogState.AskDisputeReason: OnDisputeReason(meaning, said); break;
            case DialogState.ConfirmDispute: OnConfirm(meaning, accepted, RecordDispute, () => { _reason = null; Say(W.LetsCorrect); GoDisputeNextStep(resetInvoice: true); }); break;
            case DialogState.AskCallbackTime: OnCallbackTime(meaning, accepted); break;
            case DialogState.ConfirmCallback: OnConfirm(meaning, accepted, RecordCallback, () => { _callbackAt = null; Say(W.LetsCorrect); Go(DialogState.AskCallbackTime); }); break;
            case DialogState.ConfirmPaymentLink: OnConfirm(meaning, accepted, RecordPaymentLink, () => { Say(W.AllRight); Go(DialogState.Ask); }); break;
            case DialogState.ConfirmOptOut: OnConfirm(meaning, accepted, OptOut, () => { Say(W.AllRight); Go(_stateBeforeOptOutConfirm); }); break;
        }
    }

    /// <summary>
    /// Merges a second opinion (LLM) into the rules' reading. The rules keep the last word on
    /// "hold on" / "someone else pays" and on every fact (amount, date); an intent only the LLM
    /// saw gets a lower confidence (so an opt-out is confirmed first), and disagreement lowers it.
    /// </summary>
    private static UtteranceMeaning Merge(UtteranceMeaning rules, PayerSaid said)
    {
        if (said.Hint is not { } hint || rules.Hold || rules.NotAnAnswer) return rules;
        var llmConfidence = Math.Clamp(said.Confidence, 0, 1) * hint.Confidence;
        if (hint.Intent == rules.Intent) return rules with { Confidence = Math.Max(rules.Confidence, llmConfidence) };
        if (rules.Intent == Intent.Unknown) return rules with { Intent = hint.Intent, Confidence = Math.Min(llmConfidence * 0.9, LlmOnlyMaxConfidence) };
        if (hint.Intent == Intent.Unknown) return rules with { Confidence = rules.Confidence * 0.85 };
        return rules with { Confidence = rules.Confidence * 0.75 };
    }

    private void OnKey(char digit)
    {
        var repeatDisclosure = _disclosureNeedsRepeat && _rightPartyConfirmed;
        if (ListenFor(State).MultiDigitKeypad)
        {
            if (digit == '*') { _keypad.Clear(); return; }
            if (digit != '#') { if (char.IsAsciiDigit(digit) && _keypad.Length < 20) _keypad.Append(digit); return; }
            var entry = _keypad.ToString();
            _keypad.Clear();
            if (repeatDisclosure) { RepeatDisclosure(); return; }
            OnKeypadEntry(entry);
            return;
        }
        // A cut disclosure is said again before a keypad answer is acted on too (keypad 9, an opt-out, excepted).
        if (repeatDisclosure && !(State == DialogState.Ask && digit == '9')) { RepeatDisclosure(); return; }
        switch (State, digit)
        {
            case (DialogState.RightPartyCheck, '1'): ConfirmRightParty(); break;
            case (DialogState.RightPartyCheck, '2'): WrongParty(); break;
            case (DialogState.Ask, '1'): _amount = _context.Balance; Go(DialogState.AskPromiseDate); break;
            case (DialogState.Ask, '2'): Go(DialogState.AskPaidDate); break;
            case (DialogState.Ask, '3'): GoDisputeNextStep(resetInvoice: true); break;
            case (DialogState.Ask, '4'): RecordPaymentLink(); break;
            case (DialogState.Ask, '5'): Go(DialogState.AskCallbackTime); break;
            case (DialogState.Ask, '9'): OptOut(); break; // an explicit keypress on a menu that offered it
            case (DialogState.ConfirmPromise or DialogState.ConfirmPaid or DialogState.ConfirmDispute or DialogState.ConfirmCallback
                or DialogState.ConfirmPaymentLink or DialogState.ConfirmOptOut, '1' or '2'):
                OnSaid(new PayerSaid(digit == '1' ? "yes" : "no", 1.0));
                break;
            default: Failure(); break;
        }
    }

    private void OnKeypadEntry(string entry)
    {
        var hasNumber = int.TryParse(entry, out var number);
        var today = Today;
        switch (State)
        {
            case DialogState.AskPromiseAmount when hasNumber && number > 0:
                _amount = number;
                GoPromiseNextStep();
                break;
            case DialogState.AskPromiseDate when hasNumber && DateParser.DayOfMonth(today, number) is { } day:
                _date = day;
                GoPromiseNextStep();
                break;
            case DialogState.AskPaidDate when hasNumber && DateParser.DayOfMonth(today, number, past: true) is { } paid:
                _date = paid;
                Go(DialogState.AskPaidReference);
                break;
            case DialogState.AskPaidReference:
                _reference = entry.Length > 0 ? entry : null;
                GoConfirmPaid();
                break;
            case DialogState.AskDisputeInvoice when entry == "0":
                _invoice = AllInvoices;
                GoDisputeNextStep(resetInvoice: false);
                break;
            case DialogState.AskDisputeInvoice when MatchInvoice(entry) is { } invoice:
                _invoice = invoice;
                GoDisputeNextStep(resetInvoice: false);
                break;
            case DialogState.AskCallbackTime when hasNumber && DateParser.DayOfMonth(today, number) is { } callbackDay:
                TrySetCallback(new SpokenWhen(callbackDay, null));
                break;
            default:
                Failure();
                break;
        }
    }

    // ---------------------------------------------------------------- states

    private void OnIdentityAnswer(UtteranceMeaning m, bool accepted)
    {
        if (!accepted) { Failure(); return; }
        switch (m.Intent)
        {
            case Intent.RightParty or Intent.Yes: ConfirmRightParty(); break;
            case Intent.WrongParty: WrongParty(); break;
            // A bare "no" ends the call for good, and a grunt or an "mm" during the greeting is recognized as
            // exactly that at high confidence: check it back once; a second "no" (or a worded one) is believed.
            case Intent.No when IsBareNo(m.Text) && !_bareNoAtIdentity:
                _bareNoAtIdentity = true;
                Say(W.Fill(W.RightPartyCheckBackTemplate, _context));
                break;
            case Intent.No: WrongParty(); break;
            case Intent.WhoIsCalling: Say(W.Fill(W.IdentityRepeatTemplate, _context)); break;
            default: Failure(); break;
        }
    }

    private static readonly HashSet<string> BareNoWords = ["no", "nope", "nah", "naw"];

    /// <summary>Only "no"-words, at most two ("no", "no no"): nothing that shows the payer understood the question.</summary>
    internal static bool IsBareNo(string text)
    {
        var tokens = Tokens.Split(text);
        return tokens.Length is > 0 and <= 2 && tokens.All(BareNoWords.Contains);
    }

    private void OnAskAnswer(UtteranceMeaning m, bool accepted)
    {
        if (!accepted) { Failure(); return; }
        switch (m.Intent)
        {
            case Intent.PromiseToPay:
                _amount = m.FullAmount ? _context.Balance : m.Amount ?? (m.Partial ? null : _context.Balance);
                _date = m.When?.Date;
                GoPromiseNextStep();
                break;
            case Intent.Yes:
                _amount = _context.Balance;
                _date = Today;
                GoPromiseNextStep();
                break;
            case Intent.No:
                _amount = _context.Balance;
                Say(W.AllRight);
                Go(DialogState.AskPromiseDate);
                break;
            case Intent.AlreadyPaid:
                _date = DateParser.Find(m.Text, Today, past: true)?.Date;
                if (_date is { } paid && paid > Today) _date = null;
                Go(_date is null ? DialogState.AskPaidDate : DialogState.AskPaidReference);
                break;
            case Intent.Dispute:
                if (_context.Invoices.Count > 1 && m.Digits is { } digits) _invoice = MatchInvoice(digits);
                if (Tokens.Split(m.Text).Length >= 4) _reason = m.Text;
                GoDisputeNextStep(resetInvoice: false);
                break;
            case Intent.Callback:
                if (m.When is { } when) TrySetCallback(when);
                else Go(DialogState.AskCallbackTime);
                break;
            case Intent.PaymentLink:
                Go(DialogState.ConfirmPaymentLink);
                break;
            case Intent.DontKnow:
                Say(W.AskCallbackAfterDontKnow);
                State = DialogState.AskCallbackTime;
                _failures = 0;
                break;
            case Intent.WhoIsCalling:
                Say(W.Fill(W.IntroduceAgainTemplate, _context));
                Say(W.Balance(_context, Today), tag: BalanceTag);
                Say(W.Ask);
                break;
            default:
                Failure();
                break;
        }
    }

    private void OnPromiseAmount(UtteranceMeaning m, bool accepted)
    {
        if (accepted && m.FullAmount) _amount = _context.Balance;
        else if (m.Amount is { } amount && m.Confidence >= _options.AcceptConfidence && amount > 0) _amount = amount;
        else if (accepted && m.Intent == Intent.PromiseToPay && m.Amount is null && !m.Partial) _amount = _context.Balance;
        else { Failure(); return; }
        if (m.When is { } when) _date = when.Date;
        GoPromiseNextStep();
    }

    private void OnPromiseDate(UtteranceMeaning m, bool accepted)
    {
        if (!accepted || m.When is null) { Failure(); return; }
        _date = m.When.Date;
        if (m.Amount is { } amount && amount > 0 && m.Intent == Intent.PromiseToPay) _amount = amount;
        GoPromiseNextStep();
    }

    private void OnConfirmPromise(UtteranceMeaning m, bool accepted)
    {
        if (!accepted) { Failure(); return; }
        // A correction in the same breath: "no, on Friday" / "make it one fifty".
        var corrected = false;
        if (m.Intent is Intent.No or Intent.PromiseToPay or Intent.Unknown)
        {
            if (m.Amount is { } amount && amount > 0) { _amount = amount; corrected = true; }
            if (m.When is { } when) { _date = when.Date; corrected = true; }
        }
        if (corrected) { GoPromiseNextStep(); return; }
        OnConfirm(m, accepted, RecordPromise, () => { _amount = null; _date = null; Say(W.LetsCorrect); Go(DialogState.AskPromiseAmount); });
    }

    private void OnPaidDate(UtteranceMeaning m, bool accepted)
    {
        if (!accepted || m.When is null) { Failure(); return; }
        if (m.When.Date > Today) { Say(W.DateInFuture); Failure(); return; }
        _date = m.When.Date;
        Go(DialogState.AskPaidReference);
    }

    private void OnPaidReference(UtteranceMeaning m, bool accepted)
    {
        if (accepted && m.Intent is Intent.No or Intent.DontKnow) { _reference = null; GoConfirmPaid(); return; }
        if (m.Digits is { Length: >= 3 } digits && m.Confidence >= _options.AcceptConfidence) { _reference = digits; GoConfirmPaid(); return; }
        // The reference is optional: after the keypad offer has failed too, go on without it.
        if (_failures >= 1) { _reference = null; GoConfirmPaid(); return; }
        Failure();
    }

    private void OnDisputeInvoice(UtteranceMeaning m, bool accepted)
    {
        var padded = Tokens.Padded(Tokens.Split(m.Text));
        if (accepted && (padded.Contains(" all ") || padded.Contains(" every ") || padded.Contains(" both ")))
            _invoice = AllInvoices;
        else if (m.Confidence >= _options.AcceptConfidence && m.Digits is { } digits && MatchInvoice(digits) is { } invoice)
            _invoice = invoice;
        else { Failure(); return; }
        GoDisputeNextStep(resetInvoice: false);
    }

    private void OnDisputeReason(UtteranceMeaning m, PayerSaid said)
    {
        // Free text, read back for confirmation; a lower bar than for intents, but not noise.
        if (said.Confidence >= _options.AcceptConfidence / 2 && Tokens.Split(said.Text).Length > 0)
        {
            _reason = said.Text.Trim();
            GoDisputeNextStep(resetInvoice: false);
            return;
        }
        if (_failures + 1 >= _options.FailuresBeforeKeypad) { _reason = "not stated"; GoDisputeNextStep(resetInvoice: false); return; }
        Failure();
    }

    private void OnCallbackTime(UtteranceMeaning m, bool accepted)
    {
        if (!accepted || m.When is null) { Failure(); return; }
        TrySetCallback(m.When);
    }

    private void OnConfirm(UtteranceMeaning m, bool accepted, Action onYes, Action onNo)
    {
        if (!accepted) { Failure(); return; }
        switch (m.Intent)
        {
            case Intent.Yes or Intent.RightParty: onYes(); break;
            case Intent.No: onNo(); break;
            default: Failure(); break;
        }
    }

    // ---------------------------------------------------------------- steps

    private void ConfirmRightParty()
    {
        _rightPartyConfirmed = true;
        if (_context.Invoices.Count == 0)
        {
            End(W.NoOpenInvoices, CallOutcome.Unknown, new OutcomeDetail { Note = "no overdue invoices" }, "nothing-due");
            return;
        }
        SayDisclosureBalanceAndAsk();
    }

    private void SayDisclosureBalanceAndAsk()
    {
        _disclosureNeedsRepeat = false;
        SayDisclosure();
        Say(W.Balance(_context, Today), tag: BalanceTag);
        Say(W.Ask);
        State = DialogState.Ask;
        _failures = 0;
    }

    private void WrongParty()
    {
        // Company name and callback number only: not a word about the debt to a third party.
        End(W.Fill(W.WrongPartyTemplate, _context), CallOutcome.WrongParty, new OutcomeDetail(), "wrong-party");
    }

    private void OptOut()
    {
        _actions.Add(new OptOutAction());
        End(W.OptOutDone, CallOutcome.OptOut, new OutcomeDetail(), "opt-out");
    }

    private void GoConfirmOptOut()
    {
        if (State != DialogState.ConfirmOptOut) _stateBeforeOptOutConfirm = State;
        Go(DialogState.ConfirmOptOut);
    }

    private void GoPromiseNextStep()
    {
        var today = Today;
        if (_amount is <= 0) _amount = null;
        if (_amount is { } amount && amount > _context.Balance)
        {
            Say(W.AmountTooHighTemplate.Replace("{amount}", SpokenAmount.Format(_context.Balance, _context.Currency)));
            _amount = null;
        }
        if (_date is { } date && date < today) { Say(W.DateInPast); _date = null; }
        else if (_date is { } far && far > today.AddDays(_options.MaxPromiseDays)) { Say(W.DateTooFar); _date = null; }

        if (_amount is null) Go(DialogState.AskPromiseAmount);
        else if (_date is null) Go(DialogState.AskPromiseDate);
        else Go(DialogState.ConfirmPromise);
    }

    private void GoConfirmPaid() => Go(DialogState.ConfirmPaid);

    private void GoDisputeNextStep(bool resetInvoice)
    {
        if (resetInvoice) _invoice = null;
        if (_invoice is null && _context.Invoices.Count == 1) _invoice = _context.Invoices[0].Number;
        if (_invoice is null) Go(DialogState.AskDisputeInvoice);
        else if (_reason is null) Go(DialogState.AskDisputeReason);
        else Go(DialogState.ConfirmDispute);
    }

    private void TrySetCallback(SpokenWhen when)
    {
        var time = when.Time ?? new TimeOnly(_options.DefaultCallbackHour, 0);
        if (time.Hour < _options.CallWindowStartHour || time.Hour >= _options.CallWindowEndHour)
        {
            Say(W.CallbackOutsideHours);
            Go(DialogState.AskCallbackTime);
            return;
        }
        var local = when.Date.ToDateTime(time);
        if (_context.TimeZone.IsInvalidTime(local)) local = local.AddHours(1); // inside a spring-forward gap
        var at = new DateTimeOffset(local, _context.TimeZone.GetUtcOffset(local));
        if (at <= _time.GetUtcNow())
        {
            Say(W.DateInPast);
            Go(DialogState.AskCallbackTime);
            return;
        }
        _callbackAt = at;
        Go(DialogState.ConfirmCallback);
    }

    private void RecordPromise()
    {
        var amount = _amount!.Value;
        var date = _date!.Value;
        var outcome = amount < _context.Balance ? CallOutcome.PartialPayment : CallOutcome.PromiseToPay;
        End(W.PromiseDoneTemplate.Replace("{amount}", SpokenAmount.Format(amount, _context.Currency)).Replace("{date}", SpokenDate.Format(date, Today)),
            outcome, new OutcomeDetail { Amount = amount, Currency = _context.Currency, Date = date }, "promise");
    }

    private void RecordPaid() => End(
        W.PaidDoneTemplate.Replace("{date}", SpokenDate.Format(_date!.Value, Today)),
        CallOutcome.AlreadyPaid, new OutcomeDetail { Date = _date, Reference = _reference }, "already-paid");

    private void RecordDispute() => End(
        W.DisputeDoneTemplate.Replace("{invoice}", SpokenInvoice()),
        CallOutcome.Dispute,
        new OutcomeDetail
        {
            InvoiceNumber = _invoice == AllInvoices ? null : _invoice,
            Reason = _reason,
            Note = _invoice == AllInvoices ? "all open invoices" : null,
        },
        "dispute");

    private void RecordCallback()
    {
        var local = TimeZoneInfo.ConvertTime(_callbackAt!.Value, _context.TimeZone);
        End(W.CallbackDoneTemplate.Replace("{date}", SpokenDate.Format(DateOnly.FromDateTime(local.DateTime), Today)).Replace("{time}", SpokenDate.FormatTime(TimeOnly.FromDateTime(local.DateTime))),
            CallOutcome.Callback, new OutcomeDetail { CallbackAt = _callbackAt }, "callback");
    }

    private void RecordPaymentLink() => End(W.PaymentLinkDone, CallOutcome.PaymentLink,
        new OutcomeDetail { Amount = _context.Balance, Currency = _context.Currency }, "payment-link");

    private void Failure()
    {
        _failures++;
        if (_failures >= _options.MaxFailuresPerState)
        {
            End(W.Fill(W.GiveUpTemplate, _context), CallOutcome.Unknown, new OutcomeDetail { Note = $"not understood in {State}" }, "not-understood");
            return;
        }
        Say(W.NotUnderstood);
        Prompt();
    }

    private void End(string goodbye, CallOutcome outcome, OutcomeDetail detail, string reason)
    {
        Say(goodbye, interruptible: false);
        if (!_outcomeRecorded) Record(outcome, detail);
        _actions.Add(new EndCallAction(reason));
        State = DialogState.Ended;
    }

    private void Record(CallOutcome outcome, OutcomeDetail detail)
    {
        _outcomeRecorded = true;
        _actions.Add(new RecordOutcomeAction(outcome, detail));
    }

    private void ResetDraft()
    {
        _amount = null; _date = null; _reference = null; _invoice = null; _reason = null; _callbackAt = null;
    }

    /// <summary>Moves to <paramref name="next"/> and asks its question (fresh failure count).</summary>
    private void Go(DialogState next)
    {
        State = next;
        _failures = 0;
        _keypad.Clear();
        Prompt();
    }

    /// <summary>The current state's question; the keypad variant once recognition has failed enough.</summary>
    private void Prompt()
    {
        var today = Today;
        switch (State)
        {
            case DialogState.RightPartyCheck:
                Say(KeypadMode ? W.Fill(W.RightPartyKeypadTemplate, _context) : W.Fill(W.RightPartyReaskTemplate, _context));
                break;
            case DialogState.Ask:
                if (_disclosureNeedsRepeat) { SayDisclosureBalanceAndAsk(); break; }
                Say(W.Ask);
                if (KeypadMode) Say(W.AskKeypad);
                break;
            case DialogState.AskPromiseAmount: Say(KeypadMode ? W.AskAmountKeypad : W.AskAmount); break;
            case DialogState.AskPromiseDate: Say(KeypadMode ? W.AskDateKeypad : W.AskDate); break;
            case DialogState.ConfirmPromise:
                Say(W.ConfirmPromiseTemplate.Replace("{amount}", SpokenAmount.Format(_amount!.Value, _context.Currency)).Replace("{date}", SpokenDate.Format(_date!.Value, today)));
                if (KeypadMode) Say(W.ConfirmKeypad);
                break;
            case DialogState.AskPaidDate: Say(KeypadMode ? W.AskDateKeypad : W.AskPaidDate); break;
            case DialogState.AskPaidReference: Say(W.AskPaidReference); break;
            case DialogState.ConfirmPaid:
                Say(W.ConfirmPaidTemplate.Replace("{date}", SpokenDate.Format(_date!.Value, today))
                    .Replace("{reference}", _reference is null ? "" : ", reference " + SpokenDigits.Characters(_reference)));
                if (KeypadMode) Say(W.ConfirmKeypad);
                break;
            case DialogState.AskDisputeInvoice: Say(KeypadMode ? W.AskDisputeInvoiceKeypad : W.AskDisputeInvoice); break;
            case DialogState.AskDisputeReason: Say(W.AskDisputeReason); break;
            case DialogState.ConfirmDispute:
                Say(W.ConfirmDisputeTemplate.Replace("{invoice}", SpokenInvoice()).Replace("{reason}", _reason!));
                if (KeypadMode) Say(W.ConfirmKeypad);
                break;
            case DialogState.AskCallbackTime: Say(KeypadMode ? W.AskDateKeypad : W.AskCallbackTime); break;
            case DialogState.ConfirmCallback:
                var local = TimeZoneInfo.ConvertTime(_callbackAt!.Value, _context.TimeZone);
                Say(W.ConfirmCallbackTemplate.Replace("{date}", SpokenDate.Format(DateOnly.FromDateTime(local.DateTime), today))
                    .Replace("{time}", SpokenDate.FormatTime(TimeOnly.FromDateTime(local.DateTime))));
                if (KeypadMode) Say(W.ConfirmKeypad);
                break;
            case DialogState.ConfirmPaymentLink:
                Say(W.ConfirmPaymentLink);
                if (KeypadMode) Say(W.ConfirmKeypad);
                break;
            case DialogState.ConfirmOptOut:
                Say(W.OptOutConfirm);
                if (KeypadMode) Say(W.ConfirmKeypad);
                break;
        }
    }

    private ListenSpec ListenFor(DialogState state)
    {
        var mode = KeypadMode ? InputMode.Keypad : InputMode.Voice;
        return state switch
        {
            DialogState.NotStarted or DialogState.Ended => ListenSpec.None,
            DialogState.RightPartyCheck => new(ExpectedAnswer.Identity, mode, false),
            DialogState.Ask => new(ExpectedAnswer.Intent, mode, false),
            DialogState.AskPromiseAmount => new(ExpectedAnswer.Amount, mode, true, MultiDigitKeypad: true),
            DialogState.AskPromiseDate or DialogState.AskPaidDate or DialogState.AskCallbackTime => new(ExpectedAnswer.Date, mode, true, MultiDigitKeypad: true),
            DialogState.AskPaidReference or DialogState.AskDisputeInvoice => new(ExpectedAnswer.Open, mode, true, MultiDigitKeypad: true),
            DialogState.AskDisputeReason => new(ExpectedAnswer.Open, InputMode.Voice, false),
            _ => new(ExpectedAnswer.YesNo, mode, false),
        };
    }

    private string? MatchInvoice(string digits)
    {
        if (digits.Length == 0) return null;
        var matches = _context.Invoices
            .Where(i => { var d = new string(i.Number.Where(char.IsAsciiDigit).ToArray()); return d == digits || (digits.Length >= 2 && d.EndsWith(digits, StringComparison.Ordinal)); })
            .ToList();
        return matches.Count == 1 ? matches[0].Number : null;
    }

    private string SpokenInvoice() => _invoice == AllInvoices || _invoice is null
        ? "all open invoices"
        : "invoice " + SpokenDigits.Characters(new string(_invoice.Where(char.IsAsciiDigit).ToArray()));

    private void Say(string text, bool interruptible = true, string? tag = null) => _actions.Add(new SayAction(text, interruptible, tag));

    // Keys pressed during the disclosure wait until it has played (engine), so a keypad answer never cuts it.
    private void SayDisclosure() => _actions.Add(new SayAction(W.Disclosure, true, DisclosureTag) { HoldsKeys = true });

    /// <summary>
    /// The disclosure was cut: say it again in full before acting on the answer. On the first question the whole
    /// opening is repeated; later (a confirmation in progress) only the disclosure, then the same question again,
    /// with the facts gathered so far kept.
    /// </summary>
    private void RepeatDisclosure()
    {
        Say(W.DisclosureAgain);
        if (State == DialogState.Ask) { SayDisclosureBalanceAndAsk(); return; }
        _disclosureNeedsRepeat = false;
        SayDisclosure();
        Prompt();
    }

    private DialogResponse Flush()
    {
        var response = new DialogResponse(_actions.ToArray(), Listen, State);
        _actions.Clear();
        return response;
    }
}
