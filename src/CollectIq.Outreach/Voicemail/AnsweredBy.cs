namespace CollectIq.Outreach.Voicemail;

/// <summary>Twilio's AnsweredBy values (answering machine detection).</summary>
public static class AnsweredBy
{
    public const string Human = "human";
    public const string Unknown = "unknown";
    public const string Fax = "fax";

    /// <summary>machine_start, machine_end_beep, machine_end_silence, machine_end_other (and fax): no person on the line.</summary>
    public static bool IsMachine(string? answeredBy) =>
        answeredBy is not null && (answeredBy.StartsWith("machine_", StringComparison.OrdinalIgnoreCase) || answeredBy.Equals(Fax, StringComparison.OrdinalIgnoreCase));
}
