using CollectIq.Domain.Payers;
using Phones = CollectIq.Domain.Phones.PhoneNumbers;

namespace CollectIq.Web.Payers.Validation;

/// <summary>
/// Checks a new payer field by field and builds the entity. Every problem is reported under the
/// field's JSON name (<c>contactPhone</c>, <c>invoices[1].dueDate</c>) so a person can fix them all
/// at once. Shared by POST /api/payers and the CSV import.
/// </summary>
public sealed class PayerDraftValidator
{
    public const int MaxInvoices = 500;
    public const decimal MaxAmount = 1_000_000_000m;

    public PayerValidationResult Validate(NewPayer input)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
            list.Add(message);
        }

        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name)) Add("name", "The payer's name is required.");
        else if (name.Length > 200) Add("name", "The name may have at most 200 characters.");

        var contactName = input.ContactName?.Trim();
        if (string.IsNullOrEmpty(contactName)) Add("contactName", "The contact's name is required.");
        else if (contactName.Length > 200) Add("contactName", "The contact name may have at most 200 characters.");

        var phone = "";
        if (!Phones.TryNormalize(input.ContactPhone, out phone, out var phoneError)) Add("contactPhone", phoneError ?? "Not a valid phone number.");

        var timeZone = string.IsNullOrWhiteSpace(input.TimeZone) ? null : input.TimeZone.Trim();
        if (timeZone is not null && !IsIanaZone(timeZone))
            Add("timeZone", $"'{timeZone}' is not a known IANA time zone (for example America/New_York, Europe/London).");

        var language = string.IsNullOrWhiteSpace(input.Language) ? "en" : input.Language.Trim();
        if (!IsLanguageTag(language)) Add("language", $"'{language}' is not a language tag like 'en' or 'fr-CA'.");

        var invoices = new List<Invoice>();
        var list = input.Invoices ?? [];
        if (list.Count > MaxInvoices) Add("invoices", $"At most {MaxInvoices} invoices per payer.");
        var seenNumbers = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        string? firstCurrency = null;
        for (var i = 0; i < list.Count && i < MaxInvoices; i++)
        {
            var inv = list[i];
            var prefix = $"invoices[{i}]";
            if (inv is null) { Add(prefix, "An invoice is required here."); continue; }
            var ok = true;

            var number = inv.Number?.Trim();
            if (string.IsNullOrEmpty(number)) { Add($"{prefix}.number", "The invoice number is required."); ok = false; }
            else if (number.Length > 64) { Add($"{prefix}.number", "The invoice number may have at most 64 characters."); ok = false; }
            else if (seenNumbers.TryGetValue(number, out var first)) { Add($"{prefix}.number", $"Invoice number '{number}' is already used by invoices[{first}]."); ok = false; }
            else seenNumbers[number] = i;

            if (CheckAmount(inv.Amount, $"{prefix}.amount", "amount", positive: true, Add) is not { } amount) ok = false;
            else
            {
                var open = inv.OpenAmount ?? amount;
                if (inv.OpenAmount is not null && CheckAmount(inv.OpenAmount, $"{prefix}.openAmount", "openAmount", positive: false, Add) is null) ok = false;
                else if (open > amount) { Add($"{prefix}.openAmount", "The open amount cannot exceed the invoice amount."); ok = false; }
            }

            var currency = inv.Currency?.Trim().ToUpperInvariant();
            if (string.IsNullOrEmpty(currency)) { Add($"{prefix}.currency", "The currency is required (ISO 4217, e.g. USD)."); ok = false; }
            else if (!CurrencyCodes.IsKnown(currency)) { Add($"{prefix}.currency", $"'{inv.Currency}' is not an ISO 4217 currency code."); ok = false; }
            else if (firstCurrency is not null && currency != firstCurrency) { Add($"{prefix}.currency", $"All invoices of a payer must share one currency ({firstCurrency})."); ok = false; }
            else firstCurrency ??= currency;

            if (inv.IssueDate is null) { Add($"{prefix}.issueDate", "The issue date is required (yyyy-MM-dd)."); ok = false; }
            if (inv.DueDate is null) { Add($"{prefix}.dueDate", "The due date is required (yyyy-MM-dd)."); ok = false; }
            else if (inv.IssueDate is { } issued && inv.DueDate < issued) { Add($"{prefix}.dueDate", "The due date cannot be before the issue date."); ok = false; }

            if (ok)
            {
                invoices.Add(new Invoice
                {
                    Number = number!, Amount = inv.Amount!.Value, OpenAmount = inv.OpenAmount ?? inv.Amount!.Value,
                    Currency = currency!, IssueDate = inv.IssueDate!.Value, DueDate = inv.DueDate!.Value,
                });
            }
        }

        if (errors.Count > 0) return new PayerValidationResult(null, errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        return new PayerValidationResult(new Payer
        {
            Name = name!, ContactName = contactName!, ContactPhone = phone, TimeZone = timeZone, Language = language, Invoices = invoices,
        }, new Dictionary<string, string[]>());
    }

    private static decimal? CheckAmount(decimal? value, string field, string label, bool positive, Action<string, string> add)
    {
        if (value is not { } amount) { add(field, $"The {label} is required."); return null; }
        if (positive ? amount <= 0 : amount < 0) { add(field, positive ? $"The {label} must be greater than zero." : $"The {label} cannot be negative."); return null; }
        if (amount > MaxAmount) { add(field, $"The {label} is too large."); return null; }
        if (amount.Scale > 4 && decimal.Round(amount, 4) != amount) { add(field, $"The {label} may have at most 4 decimal places."); return null; }
        return amount;
    }

    private static bool IsIanaZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId && (id.Contains('/') || id == "UTC");

    private static bool IsLanguageTag(string tag) =>
        tag.Length is >= 2 and <= 16 && System.Text.RegularExpressions.Regex.IsMatch(tag, "^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$");
}

/// <summary>Either a payer ready to save or the problems, keyed by field.</summary>
public sealed record PayerValidationResult(Payer? Payer, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Payer is not null;
}
