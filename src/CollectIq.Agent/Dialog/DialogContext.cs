using CollectIq.Domain.Payers;
using CollectIq.Domain.Phones;

namespace CollectIq.Agent.Dialog;

/// <summary>What the dialog may talk about on one call. Built from the payer and the agent options.</summary>
public sealed record DialogContext(
    string CompanyName,
    /// <summary>E.164 number the payer can call back on.</summary>
    string CallbackNumber,
    string ContactName,
    IReadOnlyList<OpenInvoice> Invoices,
    TimeZoneInfo TimeZone)
{
    public string Currency => Invoices.Count > 0 ? Invoices[0].Currency : "USD";
    public decimal Balance => Invoices.Sum(i => i.OpenAmount);
    public DateOnly? OldestDueDate => Invoices.Count > 0 ? Invoices.Min(i => i.DueDate) : null;

    /// <summary>Open invoices past their due date on the payer's local <paramref name="today"/>.</summary>
    public static DialogContext For(Payer payer, string companyName, string callbackNumber, DateOnly today) => new(
        companyName,
        callbackNumber,
        payer.ContactName,
        payer.Invoices.Where(i => i.IsOpen && i.DueDate < today)
            .OrderBy(i => i.DueDate)
            .Select(i => new OpenInvoice(i.Number, i.OpenAmount, i.Currency, i.DueDate))
            .ToList(),
        PayerTimeZones.Primary(payer));
}

public sealed record OpenInvoice(string Number, decimal OpenAmount, string Currency, DateOnly DueDate);
