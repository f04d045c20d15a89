using CollectIq.Speech.Evaluation;

// Speech verbs for the command line; the web host wires the same methods as ./run transcribe|say|speech-eval.
var verb = args.FirstOrDefault() ?? "speech-eval";
var rest = args.Skip(1).ToArray();
return verb switch
{
    "transcribe" => await SpeechCommands.TranscribeAsync(rest, Console.Out),
    "say" => await SpeechCommands.SayAsync(rest, Console.Out),
    "speech-eval" => await SpeechCommands.EvaluateAsync(rest, Console.Out),
    "human-ood" => await SpeechCommands.HumanOutOfDomainAsync(rest, Console.Out),
    "speech-bench" => await Bench(rest),
    "decoder-memory" => await DecoderMemory(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("usage: speech-eval [--dev] [--quick] | transcribe <file.wav> [--grammar state] | say \"text\" --out file.wav");
    return 2;
}

static async Task<int> DecoderMemory(string[] rest)
{
    if (rest.Length > 0 && int.TryParse(rest[0], out var only))
    {
        await SpeechBenchmark.DecoderMemoryAsync(Console.Out, only);
        return 0;
    }
    // One fresh process per configuration: freed native memory would be reused by the next one and hide its cost.
    for (var i = 0; i < SpeechBenchmark.DecoderMemoryConfigurations; i++)
    {
        using var child = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(Environment.ProcessPath!, [typeof(SpeechBenchmark).Assembly.Location.Replace("CollectIq.Speech.dll", "CollectIq.SpeechEval.dll"), "decoder-memory", i.ToString()]) { RedirectStandardOutput = true })!;
        Console.Write(await child.StandardOutput.ReadToEndAsync());
        await child.WaitForExitAsync();
    }
    return 0;
}

static async Task<int> Bench(string[] flags)
{
    // Same recognizer flags as speech-eval (--adapt, --ps -beam=…), to compare speed of configurations.
    await SpeechBenchmark.RunAsync(Console.Out, options: SpeechCommands.RecognizerOptions(flags));
    return 0;
}
