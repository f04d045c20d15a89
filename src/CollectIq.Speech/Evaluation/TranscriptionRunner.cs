using CollectIq.Speech.Audio;
using CollectIq.Speech.Recognition;
using CollectIq.Speech.SpeechToText;

namespace CollectIq.Speech.Evaluation;

/// <summary>Transcribes a WAV file (any rate, PCM or µ-law) the way a call would hear it: 8 kHz, 20 ms frames.</summary>
public static class TranscriptionRunner
{
    public static Task<RecognitionResult> TranscribeFileAsync(ISpeechToText stt, string path, ExpectedAnswer expected = ExpectedAnswer.Open, CancellationToken cancellationToken = default) =>
        TranscribeAsync(stt, WavFile.Read(path), expected, cancellationToken);

    public static Task<RecognitionResult> TranscribeAsync(ISpeechToText stt, PcmAudio audio, ExpectedAnswer expected, CancellationToken cancellationToken = default) =>
        stt.RecognizeAsync(audio.At(PhoneLine.SampleRate), expected, cancellationToken);
}
