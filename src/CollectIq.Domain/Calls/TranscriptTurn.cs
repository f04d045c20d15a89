namespace CollectIq.Domain.Calls;

/// <summary>One utterance, written as it happens (not at the end of the call).</summary>
public sealed class TranscriptTurn
{
    public long Id { get; set; }
    public int CallId { get; set; }
    public Speaker Speaker { get; set; }
    public required string Text { get; set; }
    /// <summary>Milliseconds from the start of the media stream.</summary>
    public int AtMs { get; set; }
    /// <summary>Recognizer confidence 0..1 for payer turns; null for agent turns.</summary>
    public double? Confidence { get; set; }
    /// <summary>For agent turns cut off by barge-in: the part the payer actually heard.</summary>
    public string? HeardText { get; set; }
    public bool Interrupted { get; set; }
}

public enum Speaker
{
    Agent = 0,
    Payer = 1,
}
