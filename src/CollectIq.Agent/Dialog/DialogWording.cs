using CollectIq.Agent.Speaking;

namespace CollectIq.Agent.Dialog;

/// <summary>
/// Every sentence the agent can say. The regulated ones (greeting, wrong-party message,
/// disclosure, balance, opt-out) are the reviewed wording in docs/DIALOG.md, word for word; a test
/// keeps the two in sync. Change them only together with that document and its review.
/// </summary>
public static class DialogWording
{
    // ---- Regulated: nothing before right-party confirmation may mention the debt. ----
    public const string GreetingTemplate = "Hello, this is the automated assistant of {company}. Am I speaking with {contact}?";
    public const string IdentityRepeatTemplate = "This is the automated assistant of {company}. I'm calling for {contact}. Are you {contact}?";
    public const string WrongPartyTemplate = "I'm sorry for the trouble. Could you please pass on a message for {contact} to call {company} at {callback}? Thank you. Goodbye.";
    public const string RightPartyReaskTemplate = "Am I speaking with {contact}?";
    public const string IntroduceAgainTemplate = "This is the automated assistant of {company}.";
    public const string RightPartyCheckBackTemplate = "Sorry, just to be sure I have the right person: are you {contact}? If you are, press 1. If not, press 2.";
    public const string RightPartyKeypadTemplate = "If you are {contact}, press 1. If not, press 2.";

    public const string Disclosure =
        "Please note: this is an automated call from a debt collector. This is an attempt to collect a debt, and any information obtained will be used for that purpose. This call may be recorded.";
    public const string DisclosureAgain = "Before we go on, I need to give you this notice.";

    public const string BalanceTemplate = "Our records show {count} overdue {invoices}, with a total open balance of {amount}. The oldest was due on {date}.";
    public const string Ask = "Can you pay that today, or tell me when and how much you can pay?";
    public const string AskKeypad = "You can also use your keypad. Press 1 to promise a payment, 2 if you already paid, 3 to dispute, 4 to get a payment link, 5 to be called back later, or 9 to stop these calls.";

    public const string OptOutDone = "Understood. We will not call you again. Goodbye.";
    public const string OptOutConfirm = "Just to be sure: do you want us to stop calling you? Please say yes or no.";

    // ---- Promise to pay ----
    public const string AskAmount = "How much can you pay? You can say an amount, or say the full amount.";
    public const string AskAmountKeypad = "Please enter the amount in whole dollars on your keypad, then press pound.";
    public const string AskDate = "On what date can you make that payment?";
    public const string AskDateKeypad = "Please enter the day of the month on your keypad, then press pound.";
    public const string ConfirmPromiseTemplate = "So that's {amount} on {date} — is that right?";
    public const string ConfirmKeypad = "Press 1 if that's right, 2 to change it.";
    public const string PromiseDoneTemplate = "Thank you. To summarize: you will pay {amount} on {date}. Goodbye.";
    public const string AmountTooHighTemplate = "That's more than the open balance of {amount}.";
    public const string DateInPast = "That date has already passed.";
    public const string DateTooFar = "I can only note a payment date within the next two months.";

    // ---- Already paid ----
    public const string AskPaidDate = "Thank you. When did you make the payment?";
    public const string AskPaidReference = "Do you have a payment reference or check number? You can say it, or enter it on the keypad and press pound. If not, just say no.";
    public const string ConfirmPaidTemplate = "So you paid on {date}{reference} — is that right?";
    public const string PaidDoneTemplate = "Thank you. To summarize: you paid on {date}. We will check our records and update your account. Goodbye.";

    // ---- Dispute ----
    public const string AskDisputeInvoice = "Which invoice do you dispute? You can say the invoice number, or say all of them.";
    public const string AskDisputeInvoiceKeypad = "Please enter the invoice number on your keypad, then press pound. To dispute all of them, press 0 and then pound.";
    public const string AskDisputeReason = "Please tell me briefly why you dispute it.";
    public const string ConfirmDisputeTemplate = "So you dispute {invoice}, because: {reason}. Is that right?";
    public const string DisputeDoneTemplate = "Thank you. I've noted your dispute of {invoice}. We will pause collection on it while we review it, and get back to you. Goodbye.";

    // ---- Callback ----
    public const string AskCallbackTime = "When would be a good time to call you back?";
    public const string AskCallbackAfterDontKnow = "That's all right. When would be a good time to call you back?";
    public const string CallbackOutsideHours = "We can only call between eight a.m. and nine p.m. your time.";
    public const string ConfirmCallbackTemplate = "So we'll call you back on {date} at {time} — is that right?";
    public const string CallbackDoneTemplate = "Thank you. We'll call you back on {date} at {time}. Goodbye.";

    // ---- Payment link ----
    public const string ConfirmPaymentLink = "I can send a secure payment link by text message to the number I'm calling. Shall I do that?";
    public const string PaymentLinkDone = "Thank you. I'll send the payment link by text message now. Goodbye.";

    // ---- Repair and endings ----
    public const string NotUnderstood = "Sorry, I didn't catch that.";
    public const string DateInFuture = "That date is still ahead.";
    public const string AllRight = "All right.";
    public const string LetsCorrect = "Okay, let's correct that.";
    public const string Hold = "Sure, take your time.";
    public const string StillThere = "Are you still there?";
    public const string SilenceGoodbye = "I'm sorry, I can't hear you. We'll try again another time. Goodbye.";
    public const string GiveUpTemplate = "I'm sorry, I wasn't able to help on this call. Please call us at {callback}. Goodbye.";
    /// <summary>The LLM brain's end_call: a polite close without an outcome (callback number only).</summary>
    public const string ClosingTemplate = "Thank you for your time. If you have any questions, please call us at {callback}. Goodbye.";
    public const string NoOpenInvoices = "Our records show no overdue balance on your account at the moment. Thank you for your time. Goodbye.";

    public static string Fill(string template, DialogContext context) => template
        .Replace("{company}", context.CompanyName)
        .Replace("{contact}", context.ContactName)
        .Replace("{callback}", SpokenDigits.PhoneNumber(context.CallbackNumber));

    public static string Balance(DialogContext context, DateOnly today) => BalanceTemplate
        .Replace("{count}", NumberWords.ToWords(context.Invoices.Count))
        .Replace("{invoices}", context.Invoices.Count == 1 ? "invoice" : "invoices")
        .Replace("{amount}", SpokenAmount.Format(context.Balance, context.Currency))
        .Replace("{date}", SpokenDate.Format(context.OldestDueDate!.Value, today));
}
