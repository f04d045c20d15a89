using System.Diagnostics;
using CollectIq.Speech.Audio;
using CollectIq.Speech.Recognition;
using CollectIq.Speech.SpeechToText;
using CollectIq.Speech.SpeechToText.PocketSphinx;
using CollectIq.Speech.TextToSpeech;
using CollectIq.Speech.Vad;

namespace CollectIq.Speech.Evaluation;

/// <summary>
/// The speech CLI verbs, host-agnostic so the web host can wire them as `./run transcribe`, `./run say`,
/// `./run speech-eval`: each takes its arguments and a writer and returns an exit code.
/// </summary>
public static class SpeechCommands
{
    /// <summary>transcribe &lt;file.wav&gt; [--grammar yesno|identity|amount|date|intent|open]</summary>
    public static async Task<int> TranscribeAsync(string[] args, TextWriter output, ISpeechToText? stt = null, CancellationToken cancellationToken = default)
    {
        var path = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (path == null) { await output.WriteLineAsync("usage: transcribe <file.wav> [--grammar yesno|identity|amount|date|intent|open]"); return 2; }
        var grammar = ExpectedAnswer.Open;
        var g = Array.IndexOf(args, "--grammar");
        if (g >= 0 && (g + 1 >= args.Length || !Enum.TryParse(args[g + 1], ignoreCase: true, out grammar)))
        {
            await output.WriteLineAsync($"unknown grammar; use one of {string.Join(", ", Enum.GetNames<ExpectedAnswer>()).ToLowerInvariant()}");
            return 2;
        }
        PcmAudio audio;
        try { audio = WavFile.Read(path); }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            await output.WriteLineAsync($"cannot read {path}: {e.Message}");
            return 1;
        }
        var owned = stt == null;
        stt ??= new PocketSphinxSpeechToText();
        try
        {
            var result = await TranscriptionRunner.TranscribeAsync(stt, audio, grammar, cancellationToken);
            await output.WriteLineAsync($"{(result.Text.Length == 0 ? "(nothing recognized)" : result.Text)}");
            await output.WriteLineAsync($"confidence {result.Confidence:0.00}{(result.Rejected ? " (rejected)" : "")}  intent {result.Answer.Intent}" +
                $"{(result.Answer.Amount is { } a ? $"  amount {a}" : "")}{(result.Answer.Date is { } d ? $"  date {d}" : "")}  grammar {grammar.ToString().ToLowerInvariant()}  audio {result.AudioDuration.TotalSeconds:0.00}s");
            foreach (var alt in result.Alternatives) await output.WriteLineAsync($"  alt: {alt.Text}");
            return 0;
        }
        finally { if (owned) (stt as IDisposable)?.Dispose(); }
    }

    /// <summary>say "&lt;text&gt;" --out file.wav [--engine flite|espeak] [--voice rms]: writes 8 kHz µ-law speech.</summary>
    public static async Task<int> SayAsync(string[] args, TextWriter output, ITextToSpeech? tts = null, CancellationToken cancellationToken = default)
    {
        var o = Array.IndexOf(args, "--out");
        var text = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && (o < 0 || a != args[o + 1]));
        if (text == null || o < 0 || o + 1 >= args.Length) { await output.WriteLineAsync("usage: say \"<text>\" --out <file.wav> [--engine flite|espeak] [--voice name]"); return 2; }
        var engine = Option(args, "--engine") ?? "flite";
        var voice = Option(args, "--voice");
        tts ??= engine == "espeak" ? new EspeakTextToSpeech(voice ?? "en-us") : new FliteTextToSpeech(voice ?? "rms");
        var audio = await tts.SynthesizeAllAsync(text, null, cancellationToken);
        WavFile.Write(args[o + 1], audio, WavEncoding.MuLaw);
        await output.WriteLineAsync($"wrote {args[o + 1]}: {audio.Duration.TotalSeconds:0.00}s, 8 kHz µ-law");
        return 0;
    }

    /// <summary>speech-eval [--dev] [--quick]: regenerates the corpus, prints the accuracy table (and VAD/resampler tables).</summary>
    public static async Task<int> EvaluateAsync(string[] args, TextWriter output, CancellationToken cancellationToken = default)
    {
        var voices = args.Contains("--dev") ? SpeechCorpus.DevelopmentVoices : SpeechCorpus.EvaluationVoices;
        var sentences = args.Contains("--quick") ? SpeechCorpus.Sentences.Where((_, i) => i % 3 == 0).ToList() : SpeechCorpus.Sentences;
        var recognizerOptions = RecognizerOptions(args);
        var features = new List<FitFeatures?>();
        FitFeatures? last = null;
        recognizerOptions.Scored = f => last = f;
        using var stt = new PocketSphinxSpeechToText(recognizerOptions);
        await output.WriteLineAsync($"acoustic model: {stt.AcousticModel}");
        var evaluation = new SpeechEvaluation(stt, CreateVoice);
        var total = voices.Count * sentences.Count;
        var sw = Stopwatch.StartNew();
        var scores = await evaluation.RunAsync(voices, sentences, (done, all) =>
        {
            features.Add(last);
            last = null;
            var width = 40;
            var filled = done * width / all;
            output.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {done}/{all}");
            if (done == all) output.WriteLine();
        }, cancellationToken);
        await output.WriteLineAsync($"\n## Recognition: pocketsphinx, per-state grammars, phone-loop rejection ({total} utterances, {sw.Elapsed.TotalSeconds:0}s)\n");
        await output.WriteLineAsync(SpeechEvaluation.ToMarkdown(SpeechEvaluation.Summarise(scores)));
        if (args.Contains("--details"))
        {
            // One line per utterance with the grammar-vs-phone-loop fit (inverted from the logistic confidence),
            // for re-tuning the rejection threshold on the development voices (run with --accept-all).
            for (var i = 0; i < scores.Count; i++)
            {
                var s = scores[i];
                var f = features[i];
                await output.WriteLineAsync($"detail\t{s.Voice}\t{(s.Sentence.InDomain ? "in" : "out")}\t{(s.Correct ? 1 : 0)}\t{f?.MeanFit ?? -999:0.0}\t{f?.WorstWordFit ?? -999:0.0}\t{f?.SpeechFrames ?? 0}\t{f?.PhoneLoopPerFrame ?? 0:0.0}\t{f?.Frames ?? 0}\t{s.Sentence.Expected}\t{s.Sentence.Text}\t{s.Result.Text}\t{s.Result.Answer.Intent}");
            }
        }
        var falseIntents = scores.Where(s => s.FalseIntent).ToList();
        await output.WriteLineAsync($"\nFalse intents on out-of-domain speech: {falseIntents.Count}/{scores.Count(s => !s.Sentence.InDomain)}");
        foreach (var f in falseIntents) await output.WriteLineAsync($"  {f.Voice}: \"{f.Sentence.Text}\" → \"{f.Result.Text}\" ({f.Result.Answer.Intent}, confidence {f.Result.Confidence:0.00})");
        var latencies = scores.Select(s => s.Result.FinalizeTime.TotalMilliseconds).Order().ToList();
        await output.WriteLineAsync($"Finalise after end of audio: median {latencies[latencies.Count / 2]:0.0} ms, p95 {latencies[(int)(latencies.Count * 0.95)]:0.0} ms");
        if (args.Contains("--vad") || !(args.Contains("--quick") || args.Contains("--accuracy-only")))
        {
            await output.WriteLineAsync("\n## VAD on the phone line\n");
            using var silero = new SileroVadFactory(SpeechPaths.SileroModel());
            var vad = await VadMeasurement.RunAsync([silero, new WebRtcVadFactory(), new EnergyVadFactory()],
                ["I can pay two hundred dollars on Friday.", "Yes, this is she.", "Hold on a second.", "No."],
                [new FliteTextToSpeech("slt"), new EspeakTextToSpeech("en-us+f3")], [-60, -45, -35]);
            await output.WriteLineAsync(VadMeasurement.ToMarkdown(vad));
            await output.WriteLineAsync("\n## Turn-end silence (Silero, flite slt + espeak en-us+f3, corpus sentences)\n");
            var tuning = await EndpointTuning.RunAsync(silero, [new FliteTextToSpeech("slt"), new EspeakTextToSpeech("en-us+f3", 140)],
                SpeechCorpus.Sentences.Where(s => s.Text.Contains(' ')).Select(s => s.Text).Take(20).ToList(), [200, 300, 400, 500, 700]);
            await output.WriteLineAsync(EndpointTuning.ToMarkdown(tuning));
            await output.WriteLineAsync("\n## Resamplers\n");
            await output.WriteLineAsync("| resampler | conversion | worst alias/image | passband ripple 300–3400 Hz | ns per input sample |\n|---|---|---|---|---|");
            foreach (var r in ResamplerMeasurement.Run())
                await output.WriteLineAsync($"| {r.Kind} | {r.From}→{r.To} | {r.WorstStopbandDb:0.0} dB | {r.PassbandRippleDb:0.000} dB | {r.NanosecondsPerInputSample:0} |");
        }
        return 0;
    }

    /// <summary>
    /// human-ood [flags as speech-eval]: out-of-domain fit scores of real human speech for threshold tuning. Every
    /// utterance of Debian's pocketsphinx-testdata (LibriVox sentences, "cards", "go forward ten meters", digits)
    /// goes through the phone path and is decoded with each dialog state's grammar; none of it answers a collections
    /// question, so every state is out-of-domain except the digit strings in the amount state (skipped). These
    /// files also built the telephone MLLR transform, which makes their fits optimistic: a threshold above them is
    /// on the safe side. Prints one "detail" line per decode in the speech-eval --details format.
    /// </summary>
    public static async Task<int> HumanOutOfDomainAsync(string[] args, TextWriter output, string testData = "/usr/share/pocketsphinx/test/data", CancellationToken cancellationToken = default)
    {
        var files = Directory.EnumerateFiles(testData, "*.wav", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(testData, "*.raw", SearchOption.AllDirectories)).Order().ToList();
        var options = RecognizerOptions(args);
        options.RejectBelowConfidence = 0;
        FitFeatures? last = null;
        options.Scored = f => last = f;
        using var stt = new PocketSphinxSpeechToText(options);
        var seed = 0;
        foreach (var file in files)
        {
            var audio = file.EndsWith(".raw", StringComparison.Ordinal)
                ? new PcmAudio(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(File.ReadAllBytes(file)).ToArray(), 16000)
                : WavFile.Read(file);
            var pad = PcmAudio.Silence(TimeSpan.FromMilliseconds(300), audio.SampleRate);
            var phone = PhoneLine.Simulate(pad.Concat(audio).Concat(pad), -55, ++seed);
            var digits = file.Contains("numbers") || file.Contains("tidigits");
            foreach (var state in new[] { ExpectedAnswer.YesNo, ExpectedAnswer.Identity, ExpectedAnswer.Amount, ExpectedAnswer.Date, ExpectedAnswer.Intent })
            {
                if (digits && state == ExpectedAnswer.Amount) continue;
                last = null;
                var result = await stt.RecognizeAsync(phone, state, cancellationToken);
                var f = last;
                await output.WriteLineAsync($"detail\thuman:{Path.GetFileNameWithoutExtension(file)}\tout\t{(result.Answer.Intent == SpokenIntent.Unknown ? 1 : 0)}\t{f?.MeanFit ?? -999:0.0}\t{f?.WorstWordFit ?? -999:0.0}\t{f?.SpeechFrames ?? 0}\t{f?.PhoneLoopPerFrame ?? 0:0.0}\t{f?.Frames ?? 0}\t{state}\t{Path.GetFileName(file)}\t{result.Text}\t{result.Answer.Intent}");
            }
        }
        return 0;
    }

    public static ITextToSpeech CreateVoice(CorpusVoice voice) =>
        voice.Engine == "flite" ? new FliteTextToSpeech(voice.Voice) : new EspeakTextToSpeech(voice.Voice);

    /// <summary>
    /// Recognizer options from evaluation flags: --adapt auto|off|required, --mllr FILE, --fit X (score gap at
    /// confidence 0.5), --norm W (speaker normalisation weight, 0 = off), --accept-all (no rejection, for --details), --ps -name=value (repeatable: grammar-decoder arguments, e.g. --ps -beam=1e-80),
    /// --pl -name=value (the same for the phone-loop decoder only).
    /// </summary>
    public static PocketSphinxOptions RecognizerOptions(string[] args)
    {
        var options = new PocketSphinxOptions();
        if (Option(args, "--adapt") is { } a)
            options.Adaptation = Enum.TryParse<AcousticAdaptation>(a, ignoreCase: true, out var adaptation) ? adaptation
                : throw new ArgumentException($"--adapt must be auto, off or required (got '{a}').");
        if (Option(args, "--mllr") is { } m) { options.MllrFile = m; options.Adaptation = AcousticAdaptation.Required; }
        if (Option(args, "--fit") is { } f)
            options.FitAtHalfConfidence = double.TryParse(f, System.Globalization.CultureInfo.InvariantCulture, out var fit) ? fit
                : throw new ArgumentException($"--fit must be a number (got '{f}').");
        if (Option(args, "--norm") is { } n)
            options.SpeakerNormalisation = double.TryParse(n, System.Globalization.CultureInfo.InvariantCulture, out var norm) ? norm
                : throw new ArgumentException($"--norm must be a number (got '{n}').");
        if (args.Contains("--accept-all")) options.RejectBelowConfidence = 0;
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] is not ("--ps" or "--pl")) continue;
            var kv = args[i + 1].Split('=', 2);
            if (kv.Length != 2 || !kv[0].StartsWith('-')) throw new ArgumentException($"{args[i]} expects -name=value (got '{args[i + 1]}').");
            (args[i] == "--ps" ? options.GrammarArguments : options.PhoneLoopArguments)[kv[0]] = kv[1];
        }
        return options;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
