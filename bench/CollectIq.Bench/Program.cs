using CollectIq.Bench.Agent;
using CollectIq.Bench.MediaStreams;

// Load tools and benchmarks. Usage:
//   dotnet run -c Release --project bench/CollectIq.Bench -- streams --count 1000 --seconds 30
// (`stream-clients` is the child process `streams` starts for the simulated Twilio side.)
return args.FirstOrDefault() switch
{
    "streams" => await StreamsBenchmark.RunAsync(BenchArguments.Parse(args.Skip(1))),
    "agent" => await AgentBenchmark.RunAsync(BenchArguments.Parse(args.Skip(1))),
    StreamClients.Command => await StreamClients.RunAsync(BenchArguments.Parse(args.Skip(1))),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: CollectIq.Bench streams [--count N] [--seconds S] [--ramp-per-second R]
               CollectIq.Bench agent [--calls N] [--seconds S]
          agent     voice agent: the real host (collections agent, Silero, pocketsphinx, flite) and N concurrent
                    calls through the Twilio stand-in; voice-to-voice and clear latency measured caller side.
          streams   media-stream load: a Kestrel server with the echo agent on loopback and N concurrent
                    simulated Twilio callers (a child process) sending 50 frames/s each in real time.
        """);
    return 2;
}
