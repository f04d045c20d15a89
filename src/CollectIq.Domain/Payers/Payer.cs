namespace CollectIq.Domain.Payers;

/// <summary>A customer who owes us money, and the person we phone about it.</summary>
public sealed class Payer
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string ContactName { get; set; }
    /// <summary>E.164, validated with libphonenumber (<see cref="Phones.PhoneNumbers"/>).</summary>
    public required string ContactPhone { get; set; }
    /// <summary>IANA zone; null means "derive from the phone number".</summary>
    public string? TimeZone { get; set; }
    public string Language { get; set; } = "en";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set when the payer asked us to stop calling; cleared only by an operator, with a reason.</summary>
    public DateTimeOffset? OptedOutAt { get; set; }
    /// <summary>When false the keypress menu (<c>/collect-iq/handle-reminder</c>) is used instead of the voice agent.</summary>
    public bool VoiceAgentEnabled { get; set; } = true;

    /// <summary>Calls to the current number that reached someone who is not the payer (reset by a right-party call or a new number).</summary>
    public int WrongPartyCount { get; set; }
    /// <summary>Set when the current number reached the wrong party too often: not dialed until an operator stores a new number.</summary>
    public DateTimeOffset? WrongNumberAt { get; set; }

    public List<Invoice> Invoices { get; set; } = [];
}
