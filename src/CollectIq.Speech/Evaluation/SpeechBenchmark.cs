using System.Diagnostics;
using CollectIq.Speech.Audio;
using CollectIq.Speech.Recognition;
using CollectIq.Speech.SpeechToText;
using CollectIq.Speech.SpeechToText.PocketSphinx;
using CollectIq.Speech.TextToSpeech;

namespace CollectIq.Speech.Evaluation;

/// <summary>
/// Short speed/memory measurements for docs/PERFORMANCE.md: memory per pooled decoder pair, recognizer
/// real-time factor and finalise latency, TTS time to first chunk. Kept short (a shared 2-core machine).
/// </summary>
public static class SpeechBenchmark
{
    public static async Task RunAsync(TextWriter output, int decoders = 8, PocketSphinxOptions? options = null)
    {
        var flite = new FliteTextToSpeech("slt");
        var clip = PhoneLine.Simulate(await flite.SynthesizeAllAsync("I can pay two hundred dollars on December fifteenth."), -55);

        GC.Collect();
        var before = CurrentRss();
        options ??= new PocketSphinxOptions();
        options.PoolSize = decoders;
        using var stt = new PocketSphinxSpeechToText(options);
        var afterFirst = CurrentRss();
        var sessions = Enumerable.Range(0, decoders - 1).Select(_ => stt.StartSession(ExpectedAnswer.Intent)).ToList();
        var afterAll = CurrentRss();
        foreach (var s in sessions) s.Dispose();
        await output.WriteLineAsync($"memory: first decoder pair (model load) {(afterFirst - before) / 1048576.0:0.0} MB; each further pair {(afterAll - afterFirst) / 1048576.0 / Math.Max(1, decoders - 1):0.0} MB (RSS, {decoders} pairs)");

        var rtf = new List<double>();
        var finalise = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            using var session = stt.StartSession(ExpectedAnswer.Intent);
            var started = Stopwatch.GetTimestamp();
            for (var j = 0; j + 160 <= clip.Samples.Length; j += 160) session.AcceptAudio(clip.Samples.AsSpan(j, 160));
            var result = await session.FinishAsync();
            rtf.Add(Stopwatch.GetElapsedTime(started).TotalSeconds / clip.Duration.TotalSeconds);
            finalise.Add(result.FinalizeTime.TotalMilliseconds);
        }
        rtf.Sort(); finalise.Sort();
        await output.WriteLineAsync($"recognizer (grammar + phone loop, one stream): RTF median {rtf[5]:0.000}, finalise after end of audio median {finalise[5]:0.0} ms, max {finalise[^1]:0.0} ms");

        // Turn start when the dialog state changes: the decoder loads the new state's grammar (one held at a time).
        var switches = new List<double>();
        var states = new[] { ExpectedAnswer.YesNo, ExpectedAnswer.Identity, ExpectedAnswer.Amount, ExpectedAnswer.Date, ExpectedAnswer.Intent, ExpectedAnswer.Open };
        for (var i = 0; i < 12; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var session = stt.StartSession(states[i % states.Length]);
            switches.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        switches.Sort();
        await output.WriteLineAsync($"turn start with a dialog-state change (grammar load): median {switches[6]:0.0} ms, max {switches[^1]:0.0} ms; acoustic model: {stt.AcousticModel}");

        foreach (var (name, tts) in new (string, ITextToSpeech)[] { ("flite rms", new FliteTextToSpeech("rms")), ("flite kal", new FliteTextToSpeech("kal")), ("espeak-ng en-us", new EspeakTextToSpeech()) })
        {
            var firsts = new List<double>();
            double rtfTts = 0;
            for (var i = 0; i < 5; i++)
            {
                var started = Stopwatch.GetTimestamp();
                double? first = null;
                var total = TimeSpan.Zero;
                await foreach (var chunk in tts.SynthesizeAsync($"Hello, this is CollectIQ calling about invoice {1040 + i}. Is now a good time to talk?"))
                {
                    first ??= Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    total += chunk.Duration;
                }
                firsts.Add(first ?? 0);
                rtfTts = Stopwatch.GetElapsedTime(started).TotalSeconds / total.TotalSeconds;
            }
            firsts.Sort();
            await output.WriteLineAsync($"tts {name}: first 8 kHz chunk (first sentence) median {firsts[2]:0.0} ms, RTF {rtfTts:0.000}");
        }
    }

    /// <summary>
    /// Memory per pocketsphinx decoder by what it holds (all dialog-state grammars, one grammar, the phone loop),
    /// to see where the per-call megabytes go. Run each configuration in a fresh process (<paramref name="only"/>):
    /// memory freed by one configuration is reused by the next inside a process and would hide its cost.
    /// </summary>
    public static async Task DecoderMemoryAsync(TextWriter output, int? only = null, int count = 6)
    {
        var model = new PocketSphinxModel(mllrFile: PocketSphinxModel.ResolveMllr(new PocketSphinxOptions()));
        var grammars = Enum.GetValues<ExpectedAnswer>().ToDictionary(e => e.ToString().ToLowerInvariant(), AnswerGrammars.For);
        var dict = model.WriteDictionary(AnswerGrammars.Words(grammars.Values));
        var args = new Dictionary<string, string> { ["-dict"] = dict };
        var phoneArgs = new PocketSphinxOptions().PhoneLoopArguments.Aggregate(new Dictionary<string, string>(args), (a, kv) => { a[kv.Key] = kv.Value; return a; });
        PocketSphinxDecoder Used(PocketSphinxDecoder d, string search, string? jsgf)
        {
            d.Start(search, jsgf);
            d.Process(new short[16000]);
            d.End();
            return d;
        }
        var configs = new (string Name, Func<PocketSphinxDecoder> Create)[]
        {
            ("grammar decoder, all 6 state grammars loaded", () => Used(new PocketSphinxDecoder(model, grammars, null, args), "intent", null)),
            ("grammar decoder, only the turn's grammar ('open', the largest)", () => Used(new PocketSphinxDecoder(model, new Dictionary<string, string>(), null, args), "open", grammars["open"])),
            ("grammar decoder, only the turn's grammar ('yesno')", () => Used(new PocketSphinxDecoder(model, new Dictionary<string, string>(), null, args), "yesno", grammars["yesno"])),
            ("phone-loop decoder", () => Used(new PocketSphinxDecoder(model, new Dictionary<string, string>(), "phones", phoneArgs), "phones", null)),
        };
        for (var i = 0; i < configs.Length; i++)
        {
            if (only != null && only != i) continue;
            var (name, create) = configs[i];
            create().Dispose(); // first load: page cache, model files mapped
            GC.Collect();
            var before = CurrentRss();
            var decoders = Enumerable.Range(0, count).Select(_ => create()).ToList();
            var after = CurrentRss();
            foreach (var d in decoders) d.Dispose();
            await output.WriteLineAsync($"memory: {name}: {(after - before) / 1048576.0 / count:0.0} MB each (RSS, {count} decoders, 1 s decoded)");
        }
    }

    public static int DecoderMemoryConfigurations => 4;

    private static long CurrentRss()
    {
        using var p = Process.GetCurrentProcess();
        p.Refresh();
        return p.WorkingSet64;
    }
}
