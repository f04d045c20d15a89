using System.Globalization;
using CollectIq.Data;
using CollectIq.Domain.Audit;
using CollectIq.Domain.Payers;
using CollectIq.Web.Payers.Validation;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;

namespace CollectIq.Web.Payers.Import;

/// <summary>
/// Imports payers and invoices from CSV (see <see cref="PayerCsvRow"/>), all or nothing: every row is
/// checked first with the API's rules; if any row is rejected nothing is written, otherwise everything
/// is written in one transaction. Rows of a payer already in the book (same name and phone) add invoices to it.
/// </summary>
public sealed partial class PayerCsvImporter(
    IDbContextFactory<CollectIqDbContext> contexts, PayerDraftValidator validator, TimeProvider time, ILogger<PayerCsvImporter> logger)
{
    private static readonly Dictionary<string, string> ColumnOfField = new(StringComparer.Ordinal)
    {
        ["name"] = "payer_name", ["contactName"] = "contact_name", ["contactPhone"] = "contact_phone", ["timeZone"] = "time_zone",
        ["language"] = "language", ["number"] = "invoice_number", ["amount"] = "amount", ["openAmount"] = "open_amount",
        ["currency"] = "currency", ["issueDate"] = "issue_date", ["dueDate"] = "due_date",
    };

    public async Task<PayerCsvImportResult> ImportAsync(TextReader reader, string actor, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var rejected = new List<RejectedRow>();
        var rows = ReadRows(reader, rejected);
        var groups = rows.GroupBy(r => (Name: r.PayerName.Trim().ToUpperInvariant(), Phone: DigitsOf(r.ContactPhone))).ToList();

        var drafts = new List<(Payer Payer, List<PayerCsvRow> Rows)>();
        var checkedRows = 0;
        foreach (var group in groups)
        {
            var groupRows = group.ToList();
            var first = groupRows[0];
            var consistent = true;
            foreach (var row in groupRows.Skip(1))
            {
                var differs = Differences(first, row);
                if (differs.Count > 0)
                {
                    rejected.Add(new RejectedRow(row.Line, $"{string.Join(", ", differs)} differ from line {first.Line} for the same payer."));
                    consistent = false;
                }
            }
            if (consistent)
            {
                var invoiceErrors = new List<string>();
                var invoices = groupRows.Select(r => ToInvoice(r, invoiceErrors)).ToList();
                var draft = new NewPayer(first.PayerName, first.ContactName, first.ContactPhone, Empty(first.TimeZone), Empty(first.Language), invoices);
                var result = validator.Validate(draft);
                foreach (var (line, reason) in invoiceErrors.Select(ParseLineReason)) rejected.Add(new RejectedRow(line, reason));
                if (result.IsValid && invoiceErrors.Count == 0) drafts.Add((result.Payer!, groupRows));
                else if (!result.IsValid) rejected.AddRange(Explain(result.Errors, groupRows));
            }
            checkedRows += groupRows.Count;
            progress?.Report(new ImportProgress("check", checkedRows, rows.Count));
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var existing = await FindExistingAsync(db, drafts.Select(d => d.Payer).ToList(), ct);
        foreach (var (payer, groupRows) in drafts)
        {
            if (!existing.TryGetValue(Key(payer), out var known)) continue;
            foreach (var (invoice, row) in payer.Invoices.Zip(groupRows))
            {
                if (known.Invoices.Any(i => string.Equals(i.Number, invoice.Number, StringComparison.OrdinalIgnoreCase)))
                    rejected.Add(new RejectedRow(row.Line, $"invoice_number: '{invoice.Number}' already exists for this payer."));
            }
        }

        if (rejected.Count > 0 || rows.Count == 0)
        {
            if (rows.Count == 0 && rejected.Count == 0) rejected.Add(new RejectedRow(1, "The file has no data rows."));
            LogRejected(logger, rejected.Count, rows.Count);
            return new PayerCsvImportResult(rows.Count, 0, 0, 0, rejected.OrderBy(r => r.Line).ToList());
        }

        var now = time.GetUtcNow();
        int created = 0, updated = 0, invoiceCount = 0, written = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var (payer, _) in drafts)
        {
            if (existing.TryGetValue(Key(payer), out var known))
            {
                foreach (var invoice in payer.Invoices) known.Invoices.Add(invoice);
                updated++;
            }
            else
            {
                payer.CreatedAt = now;
                db.Payers.Add(payer);
                created++;
            }
            invoiceCount += payer.Invoices.Count;
            written++;
            if (written % 100 == 0) await db.SaveChangesAsync(ct);
            progress?.Report(new ImportProgress("write", written, drafts.Count));
        }
        db.AuditEntries.Add(new AuditEntry { At = now, Action = "import", Actor = actor, Reason = $"{created} payer(s) created, {updated} updated, {invoiceCount} invoice(s)" });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        LogImported(logger, created, updated, invoiceCount);
        return new PayerCsvImportResult(rows.Count, created, updated, invoiceCount, []);
    }

    private static List<PayerCsvRow> ReadRows(TextReader reader, List<RejectedRow> rejected)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            MissingFieldFound = null,
            HeaderValidated = null,
            PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
            BadDataFound = null,
        };
        using var csv = new CsvReader(reader, config);
        var rows = new List<PayerCsvRow>();
        if (!csv.Read() || !csv.ReadHeader())
            return rows;
        var header = csv.HeaderRecord ?? [];
        var missing = PayerCsvRow.Header.Where(h => h is not ("time_zone" or "language" or "open_amount") && !header.Contains(h, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
        {
            rejected.Add(new RejectedRow(1, $"The header lacks {string.Join(", ", missing)}. Expected: {string.Join(",", PayerCsvRow.Header)}"));
            return rows;
        }
        while (csv.Read())
        {
            string Field(string name) => header.Contains(name, StringComparer.OrdinalIgnoreCase) ? csv.GetField(name) ?? "" : "";
            rows.Add(new PayerCsvRow
            {
                Line = csv.Parser.RawRow,
                PayerName = Field("payer_name"), ContactName = Field("contact_name"), ContactPhone = Field("contact_phone"),
                TimeZone = Field("time_zone"), Language = Field("language"), InvoiceNumber = Field("invoice_number"),
                Amount = Field("amount"), OpenAmount = Field("open_amount"), Currency = Field("currency"),
                IssueDate = Field("issue_date"), DueDate = Field("due_date"),
            });
        }
        return rows;
    }

    private static NewInvoice ToInvoice(PayerCsvRow row, List<string> errors)
    {
        decimal? Amount(string text, string column)
        {
            if (text.Length == 0) return null;
            if (decimal.TryParse(text, NumberStyles.Number & ~NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value)) return value;
            errors.Add($"{row.Line}|{column}: '{text}' is not an amount like 1234.56.");
            return null;
        }
        DateOnly? Date(string text, string column)
        {
            if (text.Length == 0) return null;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)) return value;
            errors.Add($"{row.Line}|{column}: '{text}' is not a date like 2025-01-31.");
            return null;
        }
        var amount = Amount(row.Amount, "amount");
        var open = Amount(row.OpenAmount, "open_amount");
        // A malformed amount was reported above; keep the validator from adding "required" on top of it.
        return new NewInvoice(row.InvoiceNumber, amount ?? (row.Amount.Length > 0 ? 1m : null), open, row.Currency,
            Date(row.IssueDate, "issue_date") ?? (row.IssueDate.Length > 0 ? DateOnly.MinValue : null),
            Date(row.DueDate, "due_date") ?? (row.DueDate.Length > 0 ? DateOnly.MaxValue : null));
    }

    private static (int Line, string Reason) ParseLineReason(string entry)
    {
        var bar = entry.IndexOf('|');
        return (int.Parse(entry[..bar], CultureInfo.InvariantCulture), entry[(bar + 1)..]);
    }

    /// <summary>Maps validator fields (<c>invoices[2].dueDate</c>, <c>contactPhone</c>) to the rows and CSV columns they came from.</summary>
    private static IEnumerable<RejectedRow> Explain(IReadOnlyDictionary<string, string[]> errors, List<PayerCsvRow> rows)
    {
        foreach (var (field, messages) in errors)
        {
            var line = rows[0].Line;
            var name = field;
            if (field.StartsWith("invoices[", StringComparison.Ordinal))
            {
                var close = field.IndexOf(']');
                if (int.TryParse(field[9..close], out var index) && index < rows.Count) line = rows[index].Line;
                name = close + 2 <= field.Length ? field[(close + 2)..] : "invoice";
            }
            var column = ColumnOfField.GetValueOrDefault(name, name);
            foreach (var message in messages) yield return new RejectedRow(line, $"{column}: {message}");
        }
    }

    private static List<string> Differences(PayerCsvRow a, PayerCsvRow b)
    {
        var differs = new List<string>();
        if (!string.Equals(a.ContactName.Trim(), b.ContactName.Trim(), StringComparison.Ordinal)) differs.Add("contact_name");
        if (!string.Equals(a.TimeZone.Trim(), b.TimeZone.Trim(), StringComparison.Ordinal)) differs.Add("time_zone");
        if (!string.Equals(a.Language.Trim(), b.Language.Trim(), StringComparison.OrdinalIgnoreCase)) differs.Add("language");
        return differs;
    }

    private static async Task<Dictionary<(string, string), Payer>> FindExistingAsync(CollectIqDbContext db, List<Payer> payers, CancellationToken ct)
    {
        if (payers.Count == 0) return [];
        var phones = payers.Select(p => p.ContactPhone).Distinct().ToList();
        var candidates = await db.Payers.Include(p => p.Invoices).Where(p => phones.Contains(p.ContactPhone)).ToListAsync(ct);
        var result = new Dictionary<(string, string), Payer>();
        foreach (var candidate in candidates) result.TryAdd(Key(candidate), candidate);
        return result;
    }

    private static (string, string) Key(Payer payer) => (payer.Name.Trim().ToUpperInvariant(), payer.ContactPhone);

    private static string DigitsOf(string phone) => new(phone.Where(char.IsDigit).ToArray());

    private static string? Empty(string text) => string.IsNullOrWhiteSpace(text) ? null : text;

    [LoggerMessage(Level = LogLevel.Warning, Message = "CSV import rejected: {Rejected} problem(s) in {Rows} row(s); nothing imported")]
    private static partial void LogRejected(ILogger logger, int rejected, int rows);

    [LoggerMessage(Level = LogLevel.Information, Message = "CSV import: {Created} payer(s) created, {Updated} updated, {Invoices} invoice(s)")]
    private static partial void LogImported(ILogger logger, int created, int updated, int invoices);
}
