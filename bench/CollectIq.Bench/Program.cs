using CollectIq.Bench.Agent;
using CollectIq.Bench.MediaStreams;

// Load tools and benchmarks. Usage:
//   dotnet run -c Release --project bench/CollectIq.Bench -- streams --count 1000 --seconds 30
// (`stream-clients` / `agent-callers`: the child processes `streams` / `agent` start for the simulated Twilio side.)
return args.FirstOrDefault() switch
{
    "streams" => await StreamsBenchmark.RunAsync(BenchArguments.Parse(args.Skip(1))),
    "agent" => await AgentBenchmark.RunAsync(BenchArguments.Parse(args.Skip(1))),
    StreamClients.Command => await StreamClients.RunAsync(BenchArguments.Parse(args.Skip(1))),
    AgentCallers.Command => await AgentCallers.RunAsync(BenchArguments.Parse(args.Skip(1))),
    "turn-end-splits" => await TurnEndSplits.RunAsync(),
    "outreach-plan" => CollectIq.Bench.Outreach.OutreachPlanningLoad.Run(args[1..]),
    "benchmarks" => RunBenchmarks(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: CollectIq.Bench streams [--count N] [--seconds S] [--ramp-per-second R]
               CollectIq.Bench agent [--calls N] [--seconds S] [--callers process|in-process] [--ring-spread S] [--warm-up S] [--set Key=Value,...]
          agent     voice agent: the real host (collections agent, Silero, pocketsphinx, flite) and N concurrent
                    calls through the Twilio stand-in (a child process by default); voice-to-voice and clear
                    latency measured caller side, the app's per-turn split from its turn-metrics.
          streams   media-stream load: a Kestrel server with the echo agent on loopback and N concurrent
                    simulated Twilio callers (a child process) sending 50 frames/s each in real time.
        usage: CollectIq.Bench turn-end-splits
          turn-end-splits  answers with a comma pause cut in two, per end-of-turn silence (Silero, phone line).
        usage: CollectIq.Bench outreach-plan [payers=100000] [runs=5]
          outreach-plan  one outreach planning pass over a synthetic book; exits 1 when the median is 2 s or more.
        usage: CollectIq.Bench benchmarks [BenchmarkDotNet arguments, e.g. --filter *OutreachPlanning*]
        """);
    return 2;
}

static int RunBenchmarks(string[] args)
{
    BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(CollectIq.Bench.Outreach.OutreachPlanningBenchmark).Assembly).Run(args);
    return 0;
}
