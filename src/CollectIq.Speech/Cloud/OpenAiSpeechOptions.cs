namespace CollectIq.Speech.Cloud;

/// <summary>
/// An OpenAI-compatible speech endpoint: OpenAI itself, Gemini's OpenAI-compatible endpoint, or a
/// self-hosted whisper / TTS server — all selected by <see cref="BaseUrl"/>.
/// </summary>
public sealed class OpenAiSpeechOptions
{
    public string BaseUrl { get; set; } = "https://api.openai.com/v1";
    public string? ApiKey { get; set; }
    public string TranscriptionModel { get; set; } = "whisper-1";
    public string SpeechModel { get; set; } = "tts-1";
    public string Voice { get; set; } = "alloy";
    public string? Language { get; set; } = "en";
    public int TimeoutSeconds { get; set; } = 15;
}
