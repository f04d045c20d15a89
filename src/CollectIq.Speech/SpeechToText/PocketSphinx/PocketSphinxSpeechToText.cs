using System.Collections.Concurrent;
using System.Diagnostics;
using CollectIq.Speech.Audio;
using CollectIq.Speech.Recognition;

namespace CollectIq.Speech.SpeechToText.PocketSphinx;

/// <summary>
/// Embedded recognizer: pocketsphinx with a JSGF grammar per <see cref="ExpectedAnswer"/>, and beside it an
/// unconstrained phone-loop decoder fed the same audio. A grammar forces any speech into its sentences;
/// comparing the acoustic score of the grammar path with the phone loop's (per frame) tells how well the
/// grammar really fits, which is the confidence and the basis for rejecting out-of-domain speech.
/// Decoder pairs are pooled (one per concurrent turn; decoders are not thread-safe). Audio is upsampled
/// 8 → 16 kHz and decoded as it arrives, so finishing a turn only flushes the last frames.
/// </summary>
public sealed class PocketSphinxSpeechToText : ISpeechToText, IDisposable
{
    private const string PhoneLoop = "phones";
    private readonly PocketSphinxModel _model;
    private readonly PocketSphinxOptions _options;
    private readonly Dictionary<string, string> _grammars;
    private readonly ConcurrentBag<DecoderPair> _idle = new();
    private readonly string _dictionary;
    private int _created;

    public PocketSphinxSpeechToText(PocketSphinxOptions? options = null)
    {
        _options = options ?? new PocketSphinxOptions();
        _model = new PocketSphinxModel(_options.ModelDirectory, _options.Dictionary, mllrFile: PocketSphinxModel.ResolveMllr(_options));
        _grammars = Enum.GetValues<ExpectedAnswer>().ToDictionary(SearchName, AnswerGrammars.For);
        _dictionary = _model.WriteDictionary(AnswerGrammars.Words(_grammars.Values));
        var first = CreatePair(); // load once at start-up so a broken install or grammar fails fast
        try { foreach (var (name, jsgf) in _grammars) first.Grammar.CheckGrammar(name, jsgf); }
        catch { first.Dispose(); throw; }
        _idle.Add(first);
    }

    public SpeechToTextCapabilities Capabilities => new("pocketsphinx", Streaming: true, InterimResults: true, InputSampleRate: 8000, UsesExpectedAnswer: true);

    public PocketSphinxOptions Options => _options;

    /// <summary>The acoustic model in use (stock or telephone-adapted), for start-up logs and doctor output.</summary>
    public string AcousticModel => _model.Description;

    /// <summary>Decoder pairs created so far (for memory measurements).</summary>
    public int DecodersCreated => _created;

    public ISpeechRecognitionSession StartSession(ExpectedAnswer expected)
    {
        var pair = _idle.TryTake(out var p) ? p : CreatePair();
        try
        {
            var search = SearchName(expected);
            pair.Grammar.Start(search, _grammars[search]);
            pair.Phones?.Start(PhoneLoop);
        }
        catch
        {
            pair.Dispose();
            throw;
        }
        return new Session(this, pair, expected);
    }

    private DecoderPair CreatePair()
    {
        Interlocked.Increment(ref _created);
        var arguments = new Dictionary<string, string>(_options.ExtraArguments) { ["-dict"] = _dictionary };
        // No grammar preloaded: each turn loads its dialog state's grammar (one search held per decoder).
        var grammar = new PocketSphinxDecoder(_model, new Dictionary<string, string>(), null,
            _options.GrammarArguments.Aggregate(new Dictionary<string, string>(arguments), (a, kv) => { a[kv.Key] = kv.Value; return a; }));
        try
        {
            var phones = _options.PhoneLoopRejection
                ? new PocketSphinxDecoder(_model, new Dictionary<string, string>(), PhoneLoop,
                    _options.PhoneLoopArguments.Aggregate(new Dictionary<string, string>(arguments), (a, kv) => { a[kv.Key] = kv.Value; return a; }))
                : null;
            return new DecoderPair(grammar, phones);
        }
        catch
        {
            grammar.Dispose();
            throw;
        }
    }

    private void Return(DecoderPair pair)
    {
        if (_idle.Count < _options.PoolSize) _idle.Add(pair);
        else pair.Dispose();
    }

    private static string SearchName(ExpectedAnswer expected) => expected.ToString().ToLowerInvariant();

    public void Dispose()
    {
        while (_idle.TryTake(out var d)) d.Dispose();
    }

    private sealed record DecoderPair(PocketSphinxDecoder Grammar, PocketSphinxDecoder? Phones) : IDisposable
    {
        public void Dispose()
        {
            Grammar.Dispose();
            Phones?.Dispose();
        }
    }

    private sealed class Session(PocketSphinxSpeechToText owner, DecoderPair pair, ExpectedAnswer expected) : ISpeechRecognitionSession
    {
        private readonly IResampler _upsampler = Resampling.Create(PhoneLine.SampleRate, 16000);
        private long _samples;
        private bool _finished;
        private bool _disposed;

        public ExpectedAnswer Expected => expected;

        public void AcceptAudio(ReadOnlySpan<short> pcm8k)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_finished) throw new InvalidOperationException("The turn is already finished.");
            _samples += pcm8k.Length;
            Feed(_upsampler.Process(pcm8k));
        }

        private void Feed(short[] pcm16k)
        {
            pair.Grammar.Process(pcm16k);
            pair.Phones?.Process(pcm16k);
        }

        public string? PartialText => _finished || _disposed ? null : pair.Grammar.Partial();

        public ValueTask<RecognitionResult> FinishAsync(CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_finished) throw new InvalidOperationException("The turn is already finished.");
            _finished = true;
            var started = Stopwatch.GetTimestamp();
            Feed(_upsampler.Flush());
            var grammar = pair.Grammar.End(posterior: pair.Phones == null);
            var phones = pair.Phones?.End();
            var audio = TimeSpan.FromSeconds(_samples / (double)PhoneLine.SampleRate);
            var result = Score(grammar, phones, expected, owner._options, audio, Stopwatch.GetElapsedTime(started));
            return ValueTask.FromResult(result);
        }

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            _upsampler.Dispose();
            if (!_finished)
            {
                try { pair.Grammar.End(); pair.Phones?.End(); } catch (InvalidOperationException) { }
            }
            owner.Return(pair);
        }
    }

    /// <summary>
    /// Per-frame acoustic score gap between the grammar path and the phone loop (log base 1.0001, ≤ 0 in
    /// practice): near 0 when the grammar explains the audio as well as free phones do, strongly negative
    /// when the grammar had to force foreign speech into its sentences.
    /// </summary>
    internal static double FitPerFrame(DecodedUtterance grammar, DecodedUtterance phones)
    {
        // Both decoders saw the same frames, so total scores compare directly; divide by the frames the
        // grammar assigned to words (not silence), so long pauses around short answers do not dilute it.
        var speechFrames = grammar.Words.Where(w => !IsFiller(w.Word)).Sum(w => w.EndFrame - w.StartFrame + 1);
        return (grammar.AcousticScore - phones.AcousticScore) / (double)Math.Max(10, speechFrames);
    }

    /// <summary>
    /// The phone loop's acoustic score per frame over the whole turn: how well the acoustic model matches this
    /// speaker and line at all (higher for natural speech), the yardstick of the speaker normalisation.
    /// </summary>
    internal static double PhoneLoopPerFrame(DecodedUtterance phones) => phones.AcousticScore / (double)Math.Max(1, phones.Frames);

    /// <summary>
    /// Per-frame fit of the worst grammar word: its acoustic score minus the phone loop's score over the same frames
    /// (phone segments prorated by overlap). A foreign sentence forced into the grammar usually leaves at least one
    /// word that fits badly even when the average looks acceptable.
    /// </summary>
    internal static double WorstWordFit(DecodedUtterance grammar, DecodedUtterance phones, int minFrames = 8)
    {
        var worst = double.PositiveInfinity;
        foreach (var w in grammar.Words)
        {
            if (IsFiller(w.Word)) continue;
            var frames = w.EndFrame - w.StartFrame + 1;
            double loop = 0;
            foreach (var p in phones.Words)
            {
                var overlap = Math.Min(p.EndFrame, w.EndFrame) - Math.Max(p.StartFrame, w.StartFrame) + 1;
                if (overlap > 0) loop += p.AcousticScore * (double)overlap / (p.EndFrame - p.StartFrame + 1);
            }
            var fit = (w.AcousticScore - loop) / Math.Max(minFrames, frames);
            worst = Math.Min(worst, fit);
        }
        return double.IsPositiveInfinity(worst) ? 0 : worst;
    }

    /// <summary>Turns a decoded utterance into a result; unknown meanings and poor fits are rejections.</summary>
    internal static RecognitionResult Score(DecodedUtterance grammar, DecodedUtterance? phones, ExpectedAnswer expected, PocketSphinxOptions options, TimeSpan audio, TimeSpan finalize)
    {
        var text = Clean(grammar.Text) ?? "";
        var answer = text.Length > 0 ? AnswerInterpreter.Interpret(text, expected) : SpokenAnswer.Unknown;
        double confidence;
        if (text.Length == 0) confidence = 0;
        else if (phones == null || phones.Words.Count == 0) confidence = grammar.Posterior;
        else
        {
            var fit = FitPerFrame(grammar, phones) - options.SpeakerNormalisation * (PhoneLoopPerFrame(phones) - options.PhoneLoopReference);
            options.Scored?.Invoke(new FitFeatures(text, FitPerFrame(grammar, phones), WorstWordFit(grammar, phones),
                grammar.Words.Where(w => !IsFiller(w.Word)).Sum(w => w.EndFrame - w.StartFrame + 1),
                PhoneLoopPerFrame(phones), phones.Frames));
            // Logistic map: fit == FitAtHalfConfidence → 0.5; a promise to pay must fit PromiseFitMargin better.
            var centre = options.FitAtHalfConfidence + (answer.Intent == SpokenIntent.PromiseToPay ? options.PromiseFitMargin : 0);
            confidence = 1 / (1 + Math.Exp(-(fit - centre) / options.FitScale));
        }
        var rejected = confidence < options.RejectBelowConfidence || answer.Intent == SpokenIntent.Unknown;
        var alternatives = grammar.NBest.Select(h => Clean(h.Text)).Where(t => !string.IsNullOrEmpty(t) && t != text)
            .Distinct().Select(t => new RecognitionAlternative(t!, 0)).ToList();
        return new RecognitionResult(text, confidence, rejected ? SpokenAnswer.Unknown : answer, rejected, alternatives, audio, finalize, expected);
    }

    private static bool IsFiller(string word) => word.StartsWith('<') || word.StartsWith('[') || word.StartsWith('+');

    /// <summary>Drops silence and noise fillers from a hypothesis.</summary>
    internal static string? Clean(string? hypothesis) =>
        hypothesis == null ? null : string.Join(' ', hypothesis.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !IsFiller(w)));
}
