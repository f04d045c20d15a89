using System.Diagnostics;
using CollectIq.Speech.Audio;
using CollectIq.Speech.Recognition;
using CollectIq.Speech.SpeechToText;
using OpenAI.Audio;

namespace CollectIq.Speech.Cloud;

/// <summary>
/// Cloud/self-hosted recognizer over POST {BaseUrl}/audio/transcriptions (OpenAI .NET SDK AudioClient).
/// Not streaming: the turn's audio is buffered and sent when the endpointer ends the turn. The expected
/// answer is passed as the prompt to bias the model, and the text goes through the same interpreter.
/// </summary>
public sealed class OpenAiSpeechToText(OpenAiSpeechOptions options) : ISpeechToText
{
    private readonly AudioClient _client = OpenAiClientFactory.Create(options, options.TranscriptionModel);
    private readonly string? _language = options.Language;

    public SpeechToTextCapabilities Capabilities => new("openai", Streaming: false, InterimResults: false, InputSampleRate: 8000, UsesExpectedAnswer: true);

    public ISpeechRecognitionSession StartSession(ExpectedAnswer expected) => new Session(this, expected);

    private sealed class Session(OpenAiSpeechToText owner, ExpectedAnswer expected) : ISpeechRecognitionSession
    {
        private readonly List<short> _audio = new(8000 * 10);
        private bool _finished;

        public ExpectedAnswer Expected => expected;
        public string? PartialText => null;

        public void AcceptAudio(ReadOnlySpan<short> pcm8k)
        {
            if (_finished) throw new InvalidOperationException("The turn is already finished.");
            foreach (var s in pcm8k) _audio.Add(s);
        }

        public async ValueTask<RecognitionResult> FinishAsync(CancellationToken cancellationToken = default)
        {
            if (_finished) throw new InvalidOperationException("The turn is already finished.");
            _finished = true;
            var started = Stopwatch.GetTimestamp();
            var audio = new PcmAudio([.. _audio], PhoneLine.SampleRate);
            using var wav = new MemoryStream(WavFile.ToBytes(audio));
            string text;
            try
            {
                var result = await owner._client.TranscribeAudioAsync(wav, "turn.wav", new AudioTranscriptionOptions
                {
                    Language = owner._language,
                    Prompt = Prompt(expected),
                    ResponseFormat = AudioTranscriptionFormat.Simple,
                }, cancellationToken);
                text = result.Value.Text?.Trim() ?? "";
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested || e is not OperationCanceledException)
            {
                throw OpenAiClientFactory.Translate(e, "Transcription endpoint");
            }
            var answer = AnswerInterpreter.Interpret(Normalise(text), expected);
            var rejected = answer.Intent == SpokenIntent.Unknown;
            // Whisper-style endpoints give no calibrated confidence: a non-empty transcript counts as heard.
            return new RecognitionResult(text, text.Length == 0 ? 0 : 0.9, answer, rejected, [], audio.Duration, Stopwatch.GetElapsedTime(started), expected);
        }

        public void Dispose() { }
    }

    private static string Prompt(ExpectedAnswer expected) => expected switch
    {
        ExpectedAnswer.YesNo => "Yes. No.",
        ExpectedAnswer.Amount => "Two hundred forty dollars and fifty cents.",
        ExpectedAnswer.Date => "December fifteenth. Next Friday.",
        _ => "A phone call about an overdue invoice.",
    };

    /// <summary>"$240.50 on Dec. 15th" → words the interpreter knows.</summary>
    internal static string Normalise(string text) => SpokenForms.ToWords(text);
}
