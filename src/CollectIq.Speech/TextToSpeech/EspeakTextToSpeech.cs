using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CollectIq.Speech.Audio;

namespace CollectIq.Speech.TextToSpeech;

/// <summary>
/// espeak-ng (libespeak-ng1) in synchronous mode with a synth callback, 22050 Hz → 8 kHz per sentence.
/// espeak-ng keeps global state, so every synthesis in the process is serialised through one lock.
/// </summary>
public sealed class EspeakTextToSpeech : ITextToSpeech
{
    private const string Library = "libespeak-ng.so.1";
    private const int AudioOutputSynchronous = 2;
    private const int EspeakRate = 1, EspeakPitch = 3;
    private const uint EspeakCharsUtf8 = 1;
    private static readonly object Gate = new();
    private static int _sampleRate;
    private static List<short>? _collector;   // the buffer of the synthesis in progress (under Gate)
    private readonly string _voice;
    private readonly int _wordsPerMinute;
    private readonly int _pitch;

    /// <param name="voice">espeak-ng voice, e.g. en-us, en-us+f3, en+m3.</param>
    /// <param name="wordsPerMinute">80..450 (espeak default 175).</param>
    /// <param name="pitch">0..100 (default 50).</param>
    public EspeakTextToSpeech(string voice = "en-us", int wordsPerMinute = 165, int pitch = 50)
    {
        _voice = voice;
        _wordsPerMinute = wordsPerMinute;
        _pitch = pitch;
        lock (Gate) EnsureInitialised();
    }

    public TextToSpeechCapabilities Capabilities => new("espeak", Streaming: true, NativeSampleRate: 22050, ["en-us", "en-us+f3", "en+m3", "en-gb", "en+f4"]);

    public async IAsyncEnumerable<PcmAudio> SynthesizeAsync(string text, SpeechVoice? voice = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var sentence in SentenceSplitter.Split(SpokenForms.ToWords(text)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var wpm = voice?.Rate is { } r ? (int)Math.Clamp(175 * r, 80, 450) : _wordsPerMinute;
            yield return Synthesize(sentence, voice?.Name ?? _voice, wpm, voice?.Pitch ?? _pitch).At(PhoneLine.SampleRate);
            await Task.Yield();
        }
    }

    private static unsafe PcmAudio Synthesize(string sentence, string voice, int wpm, int pitch)
    {
        lock (Gate)
        {
            if (espeak_SetVoiceByName(voice) != 0) throw new ArgumentException($"espeak-ng has no voice '{voice}'.", nameof(voice));
            espeak_SetParameter(EspeakRate, wpm, 0);
            espeak_SetParameter(EspeakPitch, Math.Clamp(pitch, 0, 100), 0);
            _collector = new List<short>(_sampleRate * 3);
            var bytes = System.Text.Encoding.UTF8.GetBytes(sentence + "\0");
            int status;
            fixed (byte* p = bytes) status = espeak_Synth(p, (nuint)bytes.Length, 0, 1, 0, EspeakCharsUtf8, null, IntPtr.Zero);
            if (status != 0) throw new InvalidOperationException($"espeak_Synth failed with status {status}.");
            espeak_Synchronize();
            var audio = new PcmAudio([.. _collector], _sampleRate);
            _collector = null;
            return audio;
        }
    }

    private static unsafe void EnsureInitialised()
    {
        if (_sampleRate != 0) return;
        var rate = espeak_Initialize(AudioOutputSynchronous, 200, IntPtr.Zero, 0);
        if (rate <= 0) throw new InvalidOperationException("espeak_Initialize failed (is espeak-ng-data installed?).");
        espeak_SetSynthCallback(&OnSynth);
        _sampleRate = rate;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static unsafe int OnSynth(short* wav, int count, IntPtr events)
    {
        if (wav != null && count > 0) _collector?.AddRange(new ReadOnlySpan<short>(wav, count));
        return 0; // continue
    }

    [DllImport(Library)] private static extern int espeak_Initialize(int output, int bufferMs, IntPtr path, int options);
    [DllImport(Library)] private static extern unsafe void espeak_SetSynthCallback(delegate* unmanaged[Cdecl]<short*, int, IntPtr, int> callback);
    [DllImport(Library)] private static extern int espeak_SetVoiceByName([MarshalAs(UnmanagedType.LPUTF8Str)] string name);
    [DllImport(Library)] private static extern int espeak_SetParameter(int parameter, int value, int relative);
    [DllImport(Library)] private static extern unsafe int espeak_Synth(byte* text, nuint size, uint position, int positionType, uint endPosition, uint flags, uint* uniqueId, IntPtr userData);
    [DllImport(Library)] private static extern int espeak_Synchronize();
}
