namespace CollectIq.Agent.Conversation;

/// <summary>
/// One thing the agent says (LiveKit style): its sentences, how many were queued and played
/// (from marks, one after each sentence), and whether the payer cut it off. The transcript and the
/// dialog use <see cref="HeardText"/> to know what the payer actually heard.
/// </summary>
public sealed partial class AgentUtterance
{
    internal AgentUtterance(int id, string text, IReadOnlyList<string> sentences, bool interruptible, string? tag, DateTimeOffset createdAt)
    {
        Id = id;
        _text = text;
        _sentences = sentences;
        Interruptible = interruptible;
        Tag = tag;
        CreatedAt = createdAt;
    }

    public int Id { get; }
    public string Text => Stream is null ? _text : string.Join(' ', Sentences);
    public IReadOnlyList<string> Sentences => Stream is null ? _sentences : SnapshotStreamed();
    public bool Interruptible { get; }
    /// <summary>The dialog's tag ("disclosure"…), reported back when the utterance is cut off.</summary>
    public string? Tag { get; }
    public DateTimeOffset CreatedAt { get; }
    /// <summary>Keys pressed while this plays wait until it has been heard in full (<see cref="Dialog.SayAction.HoldsKeys"/>).</summary>
    public bool HoldsKeys { get; internal set; }

    /// <summary>Sentences whose audio and mark were handed to the outbound media.</summary>
    public int SentencesQueued { get; internal set; }
    /// <summary>Sentences Twilio confirmed played (their mark echoed before any clear).</summary>
    public int SentencesPlayed { get; internal set; }
    public DateTimeOffset? FirstAudioAt { get; internal set; }
    public DateTimeOffset? PlayedAt { get; internal set; }
    public bool Interrupted { get; internal set; }
    public DateTimeOffset? InterruptedAt { get; internal set; }
    /// <summary>Set when this utterance says again the unheard rest of one cut off by a false interruption.</summary>
    public AgentUtterance? Resumes { get; internal init; }
    /// <summary>The transcript turn written for it, once the recorder has stored it.</summary>
    internal Domain.Calls.TranscriptTurn? Turn { get; set; }

    public bool FullyPlayed => !StreamOpen && SentencesPlayed >= Sentences.Count;
    public bool Finished => FullyPlayed || Interrupted;

    /// <summary>The sentences the payer heard in full.</summary>
    public string HeardText => string.Join(' ', Sentences.Take(SentencesPlayed));

    public string MarkName(int sentenceIndex) => $"u{Id}.{sentenceIndex}";

    internal static bool TryParseMark(string name, out int utteranceId, out int sentenceIndex)
    {
        utteranceId = sentenceIndex = -1;
        if (name.Length < 4 || name[0] != 'u') return false;
        var dot = name.IndexOf('.');
        return dot > 1 && int.TryParse(name.AsSpan(1, dot - 1), out utteranceId) && int.TryParse(name.AsSpan(dot + 1), out sentenceIndex);
    }
}
