using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CollectIq.Speech.Audio;

namespace CollectIq.Speech.TextToSpeech;

/// <summary>
/// flite (Debian libflite1) through P/Invoke: flite_text_to_wave per sentence, resampled to 8 kHz.
/// Voices rms, slt, awb, kal16 (16 kHz) and kal (8 kHz) load from libflite_cmu_us_*.so.1 on first use.
/// A voice object is not safe for concurrent synthesis, so each voice has its own lock.
/// </summary>
public sealed class FliteTextToSpeech : ITextToSpeech
{
    public static readonly IReadOnlyList<string> KnownVoices = ["rms", "slt", "awb", "kal16", "kal"];
    private static readonly object InitLock = new();
    private static bool _initialised;
    private static readonly ConcurrentDictionary<string, Voice> Voices = new();
    private readonly string _defaultVoice;
    private readonly double _defaultRate;

    /// <param name="voice">flite voice name (rms is the default: it survives the phone line best).</param>
    /// <param name="rate">Speaking rate; 1.0 = the voice's own, 1.2 = 20% faster.</param>
    public FliteTextToSpeech(string voice = "rms", double rate = 1.0)
    {
        _defaultVoice = voice;
        _defaultRate = rate;
        GetVoice(voice); // fail at start-up, not on the first call
    }

    public TextToSpeechCapabilities Capabilities => new("flite", Streaming: true, NativeSampleRate: 16000, KnownVoices);

    public async IAsyncEnumerable<PcmAudio> SynthesizeAsync(string text, SpeechVoice? voice = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var v = GetVoice(voice?.Name ?? _defaultVoice);
        var rate = voice?.Rate ?? _defaultRate;
        foreach (var sentence in SentenceSplitter.Split(SpokenForms.ToWords(text)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return v.Synthesize(sentence, rate);
            await Task.Yield();
        }
    }

    private static Voice GetVoice(string name)
    {
        // Registration must happen once per voice: GetOrAdd may run its factory twice under a race, and a
        // second register_cmu_us_* rewrites voice state another thread may be synthesizing with (crashed in feat_val).
        if (Voices.TryGetValue(name, out var known)) return known;
        lock (InitLock)
        {
            if (!_initialised) { flite_init(); _initialised = true; }
            if (!Voices.TryGetValue(name, out known)) Voices[name] = known = new Voice(name);
            return known;
        }
    }

    private sealed class Voice
    {
        // One lock for all voices: flite's lexicon and language modules are shared process-wide between voices.
        private static readonly object SynthLock = new();
        private readonly IntPtr _voice;
        private readonly IntPtr _features;

        public unsafe Voice(string name)
        {
            if (!KnownVoices.Contains(name)) throw new ArgumentException($"Unknown flite voice '{name}'. Known: {string.Join(", ", KnownVoices)}.", nameof(name));
            var library = NativeLibrary.Load($"libflite_cmu_us_{name}.so.1");
            var register = (delegate* unmanaged<IntPtr, IntPtr>)NativeLibrary.GetExport(library, $"register_cmu_us_{name}");
            _voice = register(IntPtr.Zero);
            if (_voice == IntPtr.Zero) throw new InvalidOperationException($"flite voice {name} failed to register.");
            _features = Marshal.ReadIntPtr(_voice, IntPtr.Size); // cst_voice { name; features; ... }
        }

        public unsafe PcmAudio Synthesize(string sentence, double rate)
        {
            lock (SynthLock)
            {
                flite_feat_set_float(_features, DurationStretch, (float)(1.0 / Math.Clamp(rate, 0.3, 3.0)));
                var wave = flite_text_to_wave(sentence, _voice);
                if (wave == IntPtr.Zero) throw new InvalidOperationException("flite_text_to_wave returned nothing.");
                try
                {
                    var w = (CstWave*)wave;
                    var samples = new short[w->NumSamples * w->NumChannels];
                    new ReadOnlySpan<short>(w->Samples, samples.Length).CopyTo(samples);
                    return new PcmAudio(samples, w->SampleRate).At(PhoneLine.SampleRate);
                }
                finally { delete_wave(wave); }
            }
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct CstWave
    {
        public IntPtr Type;
        public int SampleRate;
        public int NumSamples;
        public int NumChannels;
        public short* Samples;
    }

    [DllImport("libflite.so.1")] private static extern void flite_init();
    [DllImport("libflite.so.1")] private static extern IntPtr flite_text_to_wave([MarshalAs(UnmanagedType.LPUTF8Str)] string text, IntPtr voice);
    [DllImport("libflite.so.1")] private static extern void delete_wave(IntPtr wave);
    // flite's feat_set keeps the name pointer (it does not copy it): a marshalled temporary string would be freed
    // after the call and a later lookup would strcmp freed memory (crashed in feat_set/feat_val under load).
    // So the name lives in unmanaged memory for the life of the process.
    private static readonly IntPtr DurationStretch = Marshal.StringToHGlobalAnsi("duration_stretch");

    [DllImport("libflite.so.1")] private static extern void flite_feat_set_float(IntPtr features, IntPtr name, float value);
}
