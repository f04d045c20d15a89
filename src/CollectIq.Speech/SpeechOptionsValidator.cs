using Microsoft.Extensions.Options;

namespace CollectIq.Speech;

/// <summary>Cross-field checks DataAnnotations cannot express; runs at start-up (ValidateOnStart).</summary>
public sealed class SpeechOptionsValidator : IValidateOptions<SpeechOptions>
{
    public ValidateOptionsResult Validate(string? name, SpeechOptions options)
    {
        var failures = new List<string>();
        var usesOpenAi = options.Stt == SttEngine.OpenAi || options.Tts == TtsEngine.OpenAi;
        if (usesOpenAi)
        {
            if (!Uri.TryCreate(options.OpenAi.BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                failures.Add($"Speech:OpenAi:BaseUrl must be an absolute http(s) URL (got '{options.OpenAi.BaseUrl}').");
            if (string.IsNullOrWhiteSpace(options.OpenAi.ApiKey) && uri is { IsLoopback: false })
                failures.Add("Speech:OpenAi:ApiKey is required when an OpenAI engine is selected (except for a loopback server).");
            if (options.OpenAi.TimeoutSeconds is < 1 or > 120)
                failures.Add("Speech:OpenAi:TimeoutSeconds must be 1..120.");
        }
        if (options.HoldEndSilenceMs < options.EndSilenceMs)
            failures.Add("Speech:HoldEndSilenceMs must be at least EndSilenceMs.");
        if (options.Tts == TtsEngine.Flite && !TextToSpeech.FliteTextToSpeech.KnownVoices.Contains(options.FliteVoice))
            failures.Add($"Speech:FliteVoice '{options.FliteVoice}' is not one of {string.Join(", ", TextToSpeech.FliteTextToSpeech.KnownVoices)}.");
        if (options.Stt == SttEngine.PocketSphinx && options.AcousticAdaptation == SpeechToText.PocketSphinx.AcousticAdaptation.Required
            && !File.Exists(options.ToPocketSphinxOptions().MllrFile))
            failures.Add($"Speech:AcousticAdaptation is Required but {options.ToPocketSphinxOptions().MllrFile} does not exist; run scripts/adapt-acoustic-model.sh.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
