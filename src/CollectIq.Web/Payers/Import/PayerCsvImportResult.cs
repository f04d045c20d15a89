namespace CollectIq.Web.Payers.Import;

/// <summary>A row that cannot be imported, and why (CSV column names in the reason).</summary>
public sealed record RejectedRow(int Line, string Reason);

/// <summary>
/// The import's outcome: all rows imported (<see cref="Rejected"/> empty), or nothing imported and every
/// rejected row listed.
/// </summary>
public sealed record PayerCsvImportResult(int Rows, int PayersCreated, int PayersUpdated, int InvoicesImported, IReadOnlyList<RejectedRow> Rejected)
{
    public bool Succeeded => Rejected.Count == 0;
}

/// <summary>Progress: rows checked, then payers written.</summary>
public sealed record ImportProgress(string Phase, int Done, int Total);
