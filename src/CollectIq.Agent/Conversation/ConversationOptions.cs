using System.ComponentModel.DataAnnotations;

namespace CollectIq.Agent.Conversation;

/// <summary>Turn-taking settings. Bound from "Agent:Conversation".</summary>
public sealed class ConversationOptions : IValidatableObject
{
    public const string Section = "Agent:Conversation";

    /// <summary>
    /// The payer must speak this long over the agent before it stops, counted from the VAD's speech-start
    /// event (itself <c>Speech:MinSpeechMs</c> into the speech). 0 (default): clear at once and let
    /// <see cref="ResumeFalseInterruptions"/> recover from a cough or an "mm-hm" (LiveKit's design), which is
    /// what keeps <c>clear</c> within ≈ 150 ms of the payer starting to talk.
    /// </summary>
    [Range(0, 2000)] public int MinBargeInMs { get; set; }

    /// <summary>
    /// After a barge-in, hold the dialog back until the recognizer has heard the interruption; when it proves
    /// false (noise, or a short backchannel) the agent says again what was cut, from the first sentence the
    /// payer did not hear in full, and no dialog turn is used. False: every barge-in is a turn (the old way).
    /// </summary>
    public bool ResumeFalseInterruptions { get; set; } = true;

    /// <summary>
    /// An interruption longer than this (VAD speech onset → end of voiced audio) is real even when the words
    /// are a backchannel or poorly recognized. Noise the recognizer turns into no words is false at any length.
    /// </summary>
    /// <remarks>Measured from the VAD, so it includes Silero's ≈ 100 ms hangover: 700 ms ≈ 600 ms of voice ("okay",
    /// "uh-huh" fit; "hold on a second" does not).</remarks>
    [Range(100, 5000)] public int FalseInterruptionMaxSpeechMs { get; set; } = 700;

    /// <summary>
    /// Recognized words at or below this confidence count as "nothing usable" (a rejected result is capped
    /// at 0.3 by the listener), so a short interruption with them is false.
    /// </summary>
    [Range(0.0, 1.0)] public double FalseInterruptionMaxConfidence { get; set; } = 0.35;

    /// <summary>
    /// If the payer stopped but no transcript came within this time, the interruption is treated as false
    /// and the agent resumes (the recognizer failed or is stuck; the payer is waiting).
    /// </summary>
    [Range(200, 10000)] public int FalseInterruptionTimeoutMs { get; set; } = 2000;

    /// <summary>
    /// When the payer starts speaking again within this time (end of voiced audio → next speech onset) of an
    /// answer, the two parts are one answer ("Yes," + "speaking."): the reply to the first part is withdrawn and
    /// the dialog answers the whole once. The first part is still answered at once, so latency is unchanged.
    /// 0 turns it off. A comma pause is ≈ 200–450 ms; a payer answering the agent's reply starts later than that
    /// after hearing it.
    /// </summary>
    [Range(0, 2000)] public int MergeContinuationWithinMs { get; set; } = 500;

    /// <summary>Silence after the agent finished speaking before the dialog reprompts.</summary>
    [Range(1000, 60000)] public int SilenceTimeoutMs { get; set; } = 6000;

    /// <summary>Hang up this long after an end-of-call goodbye was queued even if its mark never comes back.</summary>
    [Range(1000, 120000)] public int HangUpGraceMs { get; set; } = 20000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ResumeFalseInterruptions && FalseInterruptionTimeoutMs >= SilenceTimeoutMs)
            yield return new ValidationResult(
                $"{Section}:FalseInterruptionTimeoutMs must be shorter than SilenceTimeoutMs (the agent resumes before it would reprompt).",
                [nameof(FalseInterruptionTimeoutMs), nameof(SilenceTimeoutMs)]);
    }
}
