using System.Runtime.InteropServices;
using static CollectIq.Speech.SpeechToText.PocketSphinx.PocketSphinxNative;

namespace CollectIq.Speech.SpeechToText.PocketSphinx;

/// <summary>One hypothesis of the n-best list with its path score (log, higher is better).</summary>
internal sealed record DecodedHypothesis(string Text, int Score);

internal sealed record DecodedWord(string Word, int StartFrame, int EndFrame, int AcousticScore);

internal sealed record DecodedUtterance(string Text, int Score, double Posterior, int Frames, IReadOnlyList<DecodedHypothesis> NBest, IReadOnlyList<DecodedWord> Words)
{
    /// <summary>Sum of the words' acoustic scores (log base 1.0001).</summary>
    public long AcousticScore => Words.Sum(w => (long)w.AcousticScore);
}

/// <summary>
/// One pocketsphinx decoder (not thread-safe: owned by one call at a time through the pool) with every
/// grammar loaded as a named search, so switching dialog state is just ps_set_search.
/// </summary>
internal sealed unsafe class PocketSphinxDecoder : IDisposable
{
    private static readonly Lock InitLock = new();
    private static bool _loggingOff;
    private readonly IntPtr[] _argv;
    private IntPtr _config;
    private IntPtr _ps;
    private string? _search;
    private string? _onDemand;
    private readonly HashSet<string> _preloaded = new(StringComparer.Ordinal);
    private bool _inUtterance;

    public PocketSphinxDecoder(PocketSphinxModel model, IReadOnlyDictionary<string, string> grammars, string? phoneLoopSearch, IReadOnlyDictionary<string, string>? extraArgs = null)
    {
        var args = new Dictionary<string, string>
        {
            ["-hmm"] = model.ModelDirectory,
            ["-dict"] = model.Dictionary,
            ["-featparams"] = model.FeatParams,
            ["-samprate"] = "16000",
            ["-bestpath"] = "yes",
            ["-remove_noise"] = "no",
        };
        if (model.MllrFile != null) args["-mllr"] = model.MllrFile;
        if (extraArgs != null) foreach (var (k, v) in extraArgs) args[k] = v;
        _argv = args.SelectMany(kv => new[] { kv.Key, kv.Value }).Select(Marshal.StringToHGlobalAnsi).ToArray();
        fixed (IntPtr* argv = _argv) _config = cmd_ln_parse_r(IntPtr.Zero, ps_args(), _argv.Length, argv, 1);
        if (_config == IntPtr.Zero) { FreeArgs(); throw new InvalidOperationException("pocketsphinx rejected the configuration."); }
        lock (InitLock)
        {
            // sphinxbase logs through one process-wide FILE*. "-logfn" made every ps_init fclose it and open a new
            // one while other threads' decoders were logging through it: the host crashed (SIGSEGV in
            // _IO_default_xsputn under err_msg ← gauden_init ← ps_init) once 40 calls grew the decoder pool
            // concurrently. Logging is switched off once, globally, instead; creation is serialized too.
            if (!_loggingOff) { err_set_logfp(IntPtr.Zero); _loggingOff = true; }
            _ps = ps_init(_config);
        }
        if (_ps == IntPtr.Zero) { Dispose(); throw new InvalidOperationException($"pocketsphinx failed to load the model from {model.ModelDirectory}."); }
        // The phone-loop decoder: an unconstrained phone recognizer whose acoustic score is the yardstick
        // for how well the grammar's best path actually fits the audio (rejection).
        if (phoneLoopSearch != null && ps_set_allphone_file(_ps, phoneLoopSearch, model.PhoneLanguageModel) != 0)
            throw new InvalidOperationException("pocketsphinx rejected the phone-loop search.");
        foreach (var (name, jsgf) in grammars)
        {
            if (ps_set_jsgf_string(_ps, name, jsgf) != 0)
                throw new InvalidOperationException($"pocketsphinx rejected grammar '{name}' (a word missing from the dictionary?).");
            _preloaded.Add(name);
        }
        if (phoneLoopSearch != null) _preloaded.Add(phoneLoopSearch);
    }

    /// <summary>Compiles <paramref name="jsgf"/> once and drops it: start-up check that every grammar loads.</summary>
    public void CheckGrammar(string name, string jsgf)
    {
        var probe = "check-" + name;
        if (ps_set_jsgf_string(_ps, probe, jsgf) != 0)
            throw new InvalidOperationException($"pocketsphinx rejected grammar '{name}' (a word missing from the dictionary?).");
        ps_unset_search(_ps, probe);
    }

    /// <summary>
    /// Starts an utterance in <paramref name="search"/>. With <paramref name="jsgf"/>, the grammar is loaded on demand
    /// and replaces the previously loaded on-demand grammar: a decoder then holds one dialog-state search at a time
    /// (≈ 3 MB instead of ≈ 24 MB with all six loaded; measured by `speech-bench`).
    /// </summary>
    public void Start(string search, string? jsgf = null)
    {
        if (_inUtterance) ps_end_utt(_ps);
        if (_search != search)
        {
            var loaded = false;
            if (jsgf != null && !_preloaded.Contains(search))
            {
                if (ps_set_jsgf_string(_ps, search, jsgf) != 0)
                    throw new InvalidOperationException($"pocketsphinx rejected grammar '{search}' (a word missing from the dictionary?).");
                loaded = true;
            }
            if (ps_set_search(_ps, search) != 0) throw new ArgumentException($"No search named '{search}'.", nameof(search));
            // Free the previous on-demand grammar only after switching away from it (it may be the active search).
            if (_onDemand != null && _onDemand != search) { ps_unset_search(_ps, _onDemand); _onDemand = null; }
            if (loaded) _onDemand = search;
            _search = search;
        }
        if (ps_start_utt(_ps) != 0) throw new InvalidOperationException("ps_start_utt failed.");
        _inUtterance = true;
    }

    /// <summary>Feeds 16 kHz PCM; decoding happens incrementally as audio arrives.</summary>
    public void Process(ReadOnlySpan<short> pcm16k)
    {
        if (!_inUtterance || pcm16k.IsEmpty) return;
        fixed (short* p = pcm16k)
            if (ps_process_raw(_ps, p, (nuint)pcm16k.Length, 0, 0) < 0) throw new InvalidOperationException("ps_process_raw failed.");
    }

    public string? Partial() => _inUtterance ? String(ps_get_hyp(_ps, out _)) : null;

    public DecodedUtterance End(int maxAlternatives = 0, bool posterior = false)
    {
        if (!_inUtterance) throw new InvalidOperationException("No utterance in progress.");
        ps_end_utt(_ps);
        _inUtterance = false;
        var text = String(ps_get_hyp(_ps, out var score)) ?? "";
        var logmath = ps_get_logmath(_ps);
        var probability = !posterior || text.Length == 0 ? 0 : Math.Clamp(logmath_exp(logmath, ps_get_prob(_ps)), 0, 1);
        var nbest = new List<DecodedHypothesis>();
        var seen = new HashSet<string>();
        for (var it = maxAlternatives > 0 ? ps_nbest(_ps) : IntPtr.Zero; it != IntPtr.Zero && nbest.Count < maxAlternatives; it = ps_nbest_next(it))
        {
            var hyp = String(ps_nbest_hyp(it, out var s));
            if (hyp != null && seen.Add(hyp)) nbest.Add(new DecodedHypothesis(hyp, s));
            if (nbest.Count >= maxAlternatives) { ps_nbest_free(it); break; }
        }
        var words = new List<DecodedWord>();
        for (var seg = ps_seg_iter(_ps); seg != IntPtr.Zero; seg = ps_seg_next(seg))
        {
            ps_seg_frames(seg, out var sf, out var ef);
            ps_seg_prob(seg, out var ascr, out _, out _);
            words.Add(new DecodedWord(String(ps_seg_word(seg)) ?? "", sf, ef, ascr));
        }
        return new DecodedUtterance(text, score, probability, ps_get_n_frames(_ps), nbest, words);
    }

    private void FreeArgs()
    {
        foreach (var a in _argv) Marshal.FreeHGlobal(a);
    }

    public void Dispose()
    {
        if (_ps != IntPtr.Zero) { ps_free(_ps); _ps = IntPtr.Zero; }
        if (_config != IntPtr.Zero) { cmd_ln_free_r(_config); _config = IntPtr.Zero; FreeArgs(); }
    }
}
