using CollectIq.Agent.Understanding;
using CollectIq.Domain.Calls;
using W = CollectIq.Agent.Dialog.DialogWording;

namespace CollectIq.Agent.Dialog;

/// <summary>
/// Entry points for the LLM brain (<see cref="Llm.LlmCollectionsDialog"/>): the LLM proposes facts
/// (a tool call's arguments), the state machine validates them with its fixed wording (amount above
/// the balance, a past or far date, a callback outside calling hours, an unknown invoice) and asks
/// its fixed confirmation — or asks for what is missing. Nothing is recorded here: recording still
/// needs the payer's yes in a Confirm state. Only valid in the free conversation (<see cref="InFreeConversation"/>).
/// </summary>
public sealed partial class CollectionsDialog
{
    /// <summary>
    /// The right party confirmed, the disclosure heard in full, the balance stated, and the dialog
    /// waiting in <see cref="DialogState.Ask"/>: the only place the LLM may talk.
    /// </summary>
    internal bool InFreeConversation => State == DialogState.Ask && _rightPartyConfirmed && !_disclosureNeedsRepeat;

    internal DialogContext Context => _context;

    /// <summary>Today on the payer's clock (dates in tool calls are read against it).</summary>
    internal DateOnly LocalToday => Today;

    internal DialogOptions Options => _options;

    /// <summary>The LLM answered the payer: that is not silence.</summary>
    internal void NoteAnswered() => _silences = 0;

    /// <summary>record_promise_to_pay: amount null = the full balance; a missing date is asked.</summary>
    internal DialogResponse ProposePromise(decimal? amount, DateOnly? date)
    {
        if (!InFreeConversation) return Flush();
        ResetDraft();
        _amount = amount ?? _context.Balance;
        _date = date;
        GoPromiseNextStep();
        return Flush();
    }

    /// <summary>record_payment_already_made: a future date is refused, a missing date or reference asked.</summary>
    internal DialogResponse ProposePaid(DateOnly? date, string? reference)
    {
        if (!InFreeConversation) return Flush();
        ResetDraft();
        if (date is { } d && d > Today) { Say(W.DateInFuture); date = null; }
        _date = date;
        _reference = reference;
        if (_date is null) Go(DialogState.AskPaidDate);
        else if (_reference is null) Go(DialogState.AskPaidReference);
        else GoConfirmPaid();
        return Flush();
    }

    /// <summary>record_dispute: an invoice we cannot match is asked again ("all" disputes every open invoice).</summary>
    internal DialogResponse ProposeDispute(string? invoice, string? reason)
    {
        if (!InFreeConversation) return Flush();
        ResetDraft();
        _invoice = invoice is null ? null : FindInvoice(invoice);
        _reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        GoDisputeNextStep(resetInvoice: false);
        return Flush();
    }

    /// <summary>schedule_callback: checked against calling hours and the clock like a spoken time.</summary>
    internal DialogResponse ProposeCallback(SpokenWhen? when)
    {
        if (!InFreeConversation) return Flush();
        ResetDraft();
        if (when is null) Go(DialogState.AskCallbackTime);
        else TrySetCallback(when);
        return Flush();
    }

    internal DialogResponse ProposePaymentLink()
    {
        if (!InFreeConversation) return Flush();
        Go(DialogState.ConfirmPaymentLink);
        return Flush();
    }

    /// <summary>opt_out from the LLM is always read back first (an LLM reading is never "clear" enough to act on at once).</summary>
    internal DialogResponse ProposeOptOut()
    {
        if (!InFreeConversation) return Flush();
        GoConfirmOptOut();
        return Flush();
    }

    /// <summary>end_call: the fixed polite close, recorded as incomplete.</summary>
    internal DialogResponse Close()
    {
        if (!InFreeConversation) return Flush();
        End(W.Fill(W.ClosingTemplate, _context), CallOutcome.Unknown, new OutcomeDetail { Note = "ended without an outcome" }, "closed");
        return Flush();
    }

    /// <summary>An invoice number as the payer or the LLM wrote it ("INV-1002", "1002", "all") → our number, or null.</summary>
    internal string? FindInvoice(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Equals("all", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("all invoices", StringComparison.OrdinalIgnoreCase)) return AllInvoices;
        var exact = _context.Invoices.FirstOrDefault(i => i.Number.Equals(trimmed, StringComparison.OrdinalIgnoreCase));
        return exact?.Number ?? MatchInvoice(new string(trimmed.Where(char.IsAsciiDigit).ToArray()));
    }
}
