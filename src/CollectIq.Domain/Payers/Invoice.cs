namespace CollectIq.Domain.Payers;

public sealed class Invoice
{
    public int Id { get; set; }
    public int PayerId { get; set; }
    public required string Number { get; set; }
    public decimal Amount { get; set; }
    public decimal OpenAmount { get; set; }
    /// <summary>ISO 4217 code, upper case.</summary>
    public string Currency { get; set; } = "USD";
    public DateOnly IssueDate { get; set; }
    public DateOnly DueDate { get; set; }

    public bool IsOpen => OpenAmount > 0;
}
