namespace CollectIq.Outreach.Voicemail;

/// <summary>
/// The limited-content voicemail (Regulation F §1006.2(j)): a business name that does not say "collection",
/// a person to call back, a callback number, a request to call back — nothing about the debt.
/// </summary>
public sealed class VoicemailOptions
{
    /// <summary>The business name said on the message; must not reveal debt collection.</summary>
    public string CompanyName { get; set; } = "CIQ Customer Care";
    /// <summary>A natural person the payer can ask for when calling back.</summary>
    public string ContactPersonName { get; set; } = "Alex";
    /// <summary>E.164 callback number; empty means "use our caller ID" (TWILIO_PHONE_NUMBER).</summary>
    public string? CallbackNumber { get; set; }
    /// <summary>Twilio AMD mode on every scheduled call: "DetectMessageEnd" waits for the beep.</summary>
    public string MachineDetection { get; set; } = "DetectMessageEnd";

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(CompanyName)) yield return "Outreach:Voicemail:CompanyName is required.";
        else if (VoicemailMessage.RevealsCollection(CompanyName))
            yield return $"Outreach:Voicemail:CompanyName '{CompanyName}' reveals debt collection; a voicemail may only carry a neutral business name.";
        if (string.IsNullOrWhiteSpace(ContactPersonName)) yield return "Outreach:Voicemail:ContactPersonName is required (Regulation F: a person the payer can reply to).";
        if (!string.IsNullOrWhiteSpace(CallbackNumber) && !Domain.Phones.PhoneNumbers.IsE164(CallbackNumber))
            yield return "Outreach:Voicemail:CallbackNumber must be an E.164 number like +14155550123.";
        if (MachineDetection is not ("DetectMessageEnd" or "Enable"))
            yield return $"Outreach:Voicemail:MachineDetection must be DetectMessageEnd or Enable, got '{MachineDetection}'.";
    }
}
