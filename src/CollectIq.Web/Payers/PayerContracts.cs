using CollectIq.Data.Payers;
using CollectIq.Domain.Dunning;
using CollectIq.Domain.Payers;

namespace CollectIq.Web.Payers;

/// <summary>Body of POST /api/payers.</summary>
public sealed record NewPayer(string? Name, string? ContactName, string? ContactPhone, string? TimeZone, string? Language, List<NewInvoice>? Invoices);

/// <summary>One invoice of a new payer. <c>openAmount</c> defaults to <c>amount</c>; dates are ISO <c>yyyy-MM-dd</c>.</summary>
public sealed record NewInvoice(string? Number, decimal? Amount, decimal? OpenAmount, string? Currency, DateOnly? IssueDate, DateOnly? DueDate);

public sealed record PayerCreated(int Id);

/// <summary>A row of GET /api/payers. <c>stage</c> is STAGE_1..STAGE_3, or null when nothing is past due.</summary>
public sealed record PayerSummary(
    int Id, string Name, string ContactName, string ContactPhone, string? TimeZone,
    string? Stage, int DaysPastDue, decimal BalanceDue, string Currency, DateTimeOffset? LastOutreachAt)
{
    public static PayerSummary From(PayerStanding standing) => new(
        standing.Payer.Id, standing.Payer.Name, standing.Payer.ContactName, standing.Payer.ContactPhone, standing.Payer.TimeZone,
        standing.Dunning.Stage?.ToWire(), standing.Dunning.DaysPastDue, standing.Dunning.BalanceDue, standing.Dunning.Currency,
        standing.LastOutreachAt);
}

/// <summary>GET /api/payers/{id}.</summary>
public sealed record PayerDetails(
    int Id, string Name, string ContactName, string ContactPhone, string? TimeZone, string Language,
    string? Stage, int DaysPastDue, decimal BalanceDue, string Currency, DateTimeOffset? LastOutreachAt,
    DateTimeOffset CreatedAt, DateTimeOffset? OptedOutAt, bool VoiceAgentEnabled, List<InvoiceView> Invoices)
{
    public static PayerDetails From(PayerStanding standing)
    {
        var p = standing.Payer;
        var d = standing.Dunning;
        return new(p.Id, p.Name, p.ContactName, p.ContactPhone, p.TimeZone, p.Language,
            d.Stage?.ToWire(), d.DaysPastDue, d.BalanceDue, d.Currency, standing.LastOutreachAt,
            p.CreatedAt, p.OptedOutAt, p.VoiceAgentEnabled, p.Invoices.Select(InvoiceView.From).ToList());
    }
}

public sealed record InvoiceView(int Id, string Number, decimal Amount, decimal OpenAmount, string Currency, DateOnly IssueDate, DateOnly DueDate)
{
    public static InvoiceView From(Invoice i) => new(i.Id, i.Number, i.Amount, i.OpenAmount, i.Currency, i.IssueDate, i.DueDate);
}

/// <summary>202 body of POST /api/payers/{id}/outreach.</summary>
public sealed record OutreachAccepted(int CallId, string CallSid);
