using System.ComponentModel.DataAnnotations;
using CollectIq.Speech.Cloud;
using CollectIq.Speech.SpeechToText.PocketSphinx;
using CollectIq.Speech.Vad;

namespace CollectIq.Speech;

public enum SttEngine { PocketSphinx, OpenAi }
public enum TtsEngine { Flite, Espeak, OpenAi }

/// <summary>Configuration section "Speech": which engines run, endpointing, and the OpenAI-compatible endpoint.</summary>
public sealed class SpeechOptions
{
    public const string Section = "Speech";

    public SttEngine Stt { get; set; } = SttEngine.PocketSphinx;

    /// <summary>flite rms by default: measured to survive the phone line far better than espeak-ng for recognizers.</summary>
    public TtsEngine Tts { get; set; } = TtsEngine.Flite;

    public VadKind Vad { get; set; } = VadKind.Silero;

    /// <summary>Models folder (Silero VAD); defaults to $COLLECTIQ_MODELS or .cache/models.</summary>
    public string? ModelsDirectory { get; set; }

    /// <summary>
    /// Silence that ends a turn. 200 ms: no corpus sentence is cut in two at 200 ms (docs/PERFORMANCE.md, "Turn-end
    /// silence"), and it is what keeps voice-to-voice p50 under 400 ms; where an amount, a date or digits are expected
    /// the listener holds for <see cref="HoldEndSilenceMs"/> while the payer is mid-number.
    /// </summary>
    [Range(100, 3000)] public int EndSilenceMs { get; set; } = 200;
    [Range(200, 5000)] public int HoldEndSilenceMs { get; set; } = 1000;

    /// <summary>
    /// Voiced audio before the VAD says "speech started" (the barge-in point). 40 ms (two frames of Silero speech):
    /// the agent clears ≈ 60–120 ms into the payer's speech, and a cough or "mm-hm" that still gets through is undone
    /// by the agent's false-interruption recovery (Agent:Conversation:ResumeFalseInterruptions).
    /// </summary>
    [Range(40, 1000)] public int MinSpeechMs { get; set; } = 40;

    public string FliteVoice { get; set; } = "rms";
    public string EspeakVoice { get; set; } = "en-us";
    [Range(0.5, 2.0)] public double SpeakingRate { get; set; } = 1.0;

    /// <summary>pocketsphinx: results below this confidence are rejected.</summary>
    [Range(0.0, 1.0)] public double RejectBelowConfidence { get; set; } = 0.5;

    /// <summary>
    /// pocketsphinx: load the telephone-channel MLLR transform (built by scripts/adapt-acoustic-model.sh into
    /// &lt;models&gt;/en-us-telephone/mllr_matrix). Auto uses it when present; Required fails start-up without it.
    /// </summary>
    public AcousticAdaptation AcousticAdaptation { get; set; } = AcousticAdaptation.Auto;

    public OpenAiSpeechOptions OpenAi { get; set; } = new();

    /// <summary>The embedded recognizer's options from this configuration.</summary>
    public PocketSphinxOptions ToPocketSphinxOptions() => new()
    {
        RejectBelowConfidence = RejectBelowConfidence,
        Adaptation = AcousticAdaptation,
        MllrFile = Path.Combine(ModelsDirectory ?? SpeechPaths.ModelsDirectory(), PocketSphinxOptions.DefaultMllrFile),
    };

    public EndpointerOptions ToEndpointerOptions() => new() { EndSilenceMs = EndSilenceMs, HoldEndSilenceMs = HoldEndSilenceMs, MinSpeechMs = MinSpeechMs };
}
