namespace CollectIq.Web.Payers.Import;

/// <summary>
/// One CSV row = one invoice; the payer columns repeat on each of a payer's rows. Header:
/// <c>payer_name,contact_name,contact_phone,time_zone,language,invoice_number,amount,open_amount,currency,issue_date,due_date</c>
/// (time_zone, language and open_amount may be empty; dates yyyy-MM-dd; amounts with a dot).
/// </summary>
public sealed class PayerCsvRow
{
    public static readonly string[] Header =
        ["payer_name", "contact_name", "contact_phone", "time_zone", "language", "invoice_number", "amount", "open_amount", "currency", "issue_date", "due_date"];

    public int Line { get; set; }
    public string PayerName { get; set; } = "";
    public string ContactName { get; set; } = "";
    public string ContactPhone { get; set; } = "";
    public string TimeZone { get; set; } = "";
    public string Language { get; set; } = "";
    public string InvoiceNumber { get; set; } = "";
    public string Amount { get; set; } = "";
    public string OpenAmount { get; set; } = "";
    public string Currency { get; set; } = "";
    public string IssueDate { get; set; } = "";
    public string DueDate { get; set; } = "";
}
