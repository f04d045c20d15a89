using System.Runtime.CompilerServices;
using CollectIq.Speech.Audio;
using CollectIq.Speech.SpeechToText;
using CollectIq.Speech.TextToSpeech;
using OpenAI.Audio;

namespace CollectIq.Speech.Cloud;

/// <summary>
/// Cloud/self-hosted synthesizer over POST {BaseUrl}/audio/speech (WAV response), one request per sentence
/// so playback starts after the first sentence; resampled to 8 kHz.
/// </summary>
public sealed class OpenAiTextToSpeech(OpenAiSpeechOptions options) : ITextToSpeech
{
    private readonly AudioClient _client = OpenAiClientFactory.Create(options, options.SpeechModel);

    public TextToSpeechCapabilities Capabilities => new("openai", Streaming: true, NativeSampleRate: 24000, [options.Voice]);

    public async IAsyncEnumerable<PcmAudio> SynthesizeAsync(string text, SpeechVoice? voice = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var sentence in SentenceSplitter.Split(text))
        {
            PcmAudio audio;
            try
            {
                var result = await _client.GenerateSpeechAsync(sentence, new GeneratedSpeechVoice(voice?.Name ?? options.Voice),
                    new SpeechGenerationOptions { ResponseFormat = GeneratedSpeechFormat.Wav, SpeedRatio = (float?)voice?.Rate }, cancellationToken);
                audio = WavFile.Read(result.Value.ToArray());
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested || e is not OperationCanceledException)
            {
                throw OpenAiClientFactory.Translate(e, "Speech endpoint");
            }
            yield return audio.At(PhoneLine.SampleRate);
        }
    }
}
