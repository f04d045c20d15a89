using CollectIq.Speech.Evaluation;

// Speech verbs for the command line; the web host wires the same methods as ./run transcribe|say|speech-eval.
var verb = args.FirstOrDefault() ?? "speech-eval";
var rest = args.Skip(1).ToArray();
return verb switch
{
    "transcribe" => await SpeechCommands.TranscribeAsync(rest, Console.Out),
    "say" => await SpeechCommands.SayAsync(rest, Console.Out),
    "speech-eval" => await SpeechCommands.EvaluateAsync(rest, Console.Out),
    "speech-bench" => await Bench(rest),
    "decoder-memory" => await DecoderMemory(),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("usage: speech-eval [--dev] [--quick] | transcribe <file.wav> [--grammar state] | say \"text\" --out file.wav");
    return 2;
}

static async Task<int> DecoderMemory()
{
    await SpeechBenchmark.DecoderMemoryAsync(Console.Out);
    return 0;
}

static async Task<int> Bench(string[] flags)
{
    // Same recognizer flags as speech-eval (--adapt, --ps -beam=…), to compare speed of configurations.
    await SpeechBenchmark.RunAsync(Console.Out, options: SpeechCommands.RecognizerOptions(flags));
    return 0;
}
