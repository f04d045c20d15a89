using System.ComponentModel.DataAnnotations;

namespace CollectIq.Agent.Conversation;

/// <summary>Turn-taking settings. Bound from "Agent:Conversation".</summary>
public sealed class ConversationOptions
{
    public const string Section = "Agent:Conversation";

    /// <summary>
    /// The payer must speak this long over the agent before it stops (so a cough or "mm-hm" does
    /// not cut it off). Counted from the VAD's speech-start event, which itself comes after the
    /// VAD's own onset frames.
    /// </summary>
    [Range(0, 2000)] public int MinBargeInMs { get; set; } = 200;

    /// <summary>Silence after the agent finished speaking before the dialog reprompts.</summary>
    [Range(1000, 60000)] public int SilenceTimeoutMs { get; set; } = 6000;

    /// <summary>Hang up this long after an end-of-call goodbye was queued even if its mark never comes back.</summary>
    [Range(1000, 120000)] public int HangUpGraceMs { get; set; } = 20000;
}
