using System.ComponentModel.DataAnnotations;
using CollectIq.Speech.Cloud;
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

    [Range(100, 3000)] public int EndSilenceMs { get; set; } = 300;
    [Range(200, 5000)] public int HoldEndSilenceMs { get; set; } = 1000;
    [Range(40, 1000)] public int MinSpeechMs { get; set; } = 160;

    public string FliteVoice { get; set; } = "rms";
    public string EspeakVoice { get; set; } = "en-us";
    [Range(0.5, 2.0)] public double SpeakingRate { get; set; } = 1.0;

    /// <summary>pocketsphinx: results below this confidence are rejected.</summary>
    [Range(0.0, 1.0)] public double RejectBelowConfidence { get; set; } = 0.5;

    public OpenAiSpeechOptions OpenAi { get; set; } = new();

    public EndpointerOptions ToEndpointerOptions() => new() { EndSilenceMs = EndSilenceMs, HoldEndSilenceMs = HoldEndSilenceMs, MinSpeechMs = MinSpeechMs };
}
