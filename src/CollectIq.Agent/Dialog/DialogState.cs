namespace CollectIq.Agent.Dialog;

/// <summary>The states of the collections dialog (chart in docs/DIALOG.md).</summary>
public enum DialogState
{
    NotStarted = 0,
    RightPartyCheck,
    Ask,
    AskPromiseAmount,
    AskPromiseDate,
    ConfirmPromise,
    AskPaidDate,
    AskPaidReference,
    ConfirmPaid,
    AskDisputeInvoice,
    AskDisputeReason,
    ConfirmDispute,
    AskCallbackTime,
    ConfirmCallback,
    ConfirmPaymentLink,
    ConfirmOptOut,
    Ended,
}
