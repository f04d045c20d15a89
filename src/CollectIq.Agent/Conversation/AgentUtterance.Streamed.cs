namespace CollectIq.Agent.Conversation;

/// <summary>
/// A streamed utterance (an LLM reply): its sentences arrive while it is already being spoken, so it
/// is not fully played until the stream has ended (<see cref="StreamOpen"/> false) and every sentence's
/// mark came back. Sentences are appended by the speaking task and read by the engine loop (locked).
/// </summary>
public sealed partial class AgentUtterance
{
    private readonly string _text = "";
    private readonly IReadOnlyList<string> _sentences = [];
    private readonly List<string> _streamed = [];

    internal AgentUtterance(int id, Dialog.StreamedSayAction stream, DateTimeOffset createdAt)
    {
        Id = id;
        Stream = stream;
        StreamOpen = true;
        Interruptible = true;
        Tag = stream.Tag;
        CreatedAt = createdAt;
    }

    /// <summary>The dialog's sentence stream; null for an ordinary utterance.</summary>
    internal Dialog.StreamedSayAction? Stream { get; }

    /// <summary>True until the sentence stream has ended (or was cut).</summary>
    public bool StreamOpen { get; internal set; }

    internal void AddStreamedSentence(string sentence)
    {
        lock (_streamed) _streamed.Add(sentence);
    }

    private string[] SnapshotStreamed()
    {
        lock (_streamed) return [.. _streamed];
    }
}
