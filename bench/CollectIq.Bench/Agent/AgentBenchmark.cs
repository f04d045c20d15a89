using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using CollectIq.Bench.MediaStreams;
using CollectIq.Data;
using CollectIq.Domain.Payers;
using CollectIq.Simulator.Calls;
using CollectIq.Simulator.Hosting;
using CollectIq.Simulator.Scripts;
using CollectIq.Speech.Audio;
using CollectIq.Speech.TextToSpeech;
using CollectIq.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollectIq.Bench.Agent;

/// <summary>
/// The voice agent under load, measured from the caller's side of the Twilio stand-in:
/// voice-to-voice = end of the payer's voiced audio (clip sent in full) → first agent media frame
/// received by the stand-in; clear = payer starts talking over the agent → <c>clear</c> received.
/// Real host on loopback, real agent, Silero VAD, pocketsphinx, flite; the payer's clips are flite rms,
/// synthesized once and trimmed of trailing silence so their end is the end of speech.
/// </summary>
public static class AgentBenchmark
{
    private const string ApiKey = "ciq_bench_key_0123456789";

    public static async Task<int> RunAsync(BenchArguments args)
    {
        var calls = args.Int("calls", 40);
        var seconds = args.Int("seconds", 60);
        var folder = Path.Combine(Path.GetTempPath(), "collectiq-agent-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var port = FreePort();
        var builder = CollectIqApp.CreateBuilder([], new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["ConnectionStrings:CollectIq"] = $"Data Source={Path.Combine(folder, "bench.db")}",
            ["CollectIq:DataDirectory"] = folder,
            ["CollectIq:Banner"] = "false",
            ["Demo:Seed"] = "false",
            ["COLLECTIQ_API_KEY"] = ApiKey,
            ["Logging:LogLevel:Default"] = "Warning",
            ["SIMULATED_CALLER_VOICE"] = "flite",
        });
        await using var app = CollectIqApp.Build(builder);
        await app.StartAsync();
        var telephony = app.Services.GetRequiredService<SimulatedTelephony>();
        using var http = new HttpClient { BaseAddress = CollectIqApp.BoundAddress(app) };
        http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);

        var clips = await Clips.CreateAsync();
        var payers = await AddPayersAsync(app.Services.GetRequiredService<IDbContextFactory<CollectIqDbContext>>(), calls);
        for (var i = 0; i < calls; i++) telephony.Scripts.ForNumber(payers[i].Phone, Script(clips));

        Console.WriteLine($"agent bench: {calls} calls, {seconds} s, cores {Environment.ProcessorCount}, load {LoadAverage()}");
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        foreach (var (id, _) in payers)
        {
            var response = await http.PostAsync($"/api/payers/{id}/outreach", null);
            if (!response.IsSuccessStatusCode) Console.WriteLine($"payer {id}: outreach refused {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(100); // a short ramp: 10 calls a second
        }
        await Task.Delay(TimeSpan.FromSeconds(seconds) - wall.Elapsed);
        var simulated = telephony.Twilio.Calls.All.ToList();
        foreach (var call in simulated) call.HangUp("bench over");
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;

        var v2v = new List<double>();
        var clear = new List<double>();
        var answered = 0;
        foreach (var call in simulated)
        {
            var measured = Measure(call);
            if (measured.Answered) answered++;
            v2v.AddRange(measured.VoiceToVoice);
            clear.AddRange(measured.Clear);
        }
        Console.WriteLine($"calls answered with a stream: {answered}/{calls}; CPU {cpuUsed.TotalSeconds / wall.Elapsed.TotalSeconds * 100:0}% of one core over {wall.Elapsed.TotalSeconds:0} s; load after {LoadAverage()}");
        Print("voice-to-voice (end of payer speech → first agent frame at the caller)", v2v);
        Print("clear (payer starts talking over the agent → clear at the caller)", clear);
        await app.StopAsync();
        return 0;
    }

    private static CalleeScript Script(Clips clips)
    {
        var script = CalleeScript.Answers("bench")
            .WaitForAgentSpeech(30_000).WaitForAgentSilence(700).Say(clips.Yes, "yes")
            .WaitForAgentSpeech(30_000).Pause(2500).Say(clips.BargeIn, "barge-in");
        // Then the payer keeps answering whenever the agent has finished: each answer is one voice-to-voice sample.
        for (var i = 0; i < 20; i++)
            script = script.WaitForAgentSilence(700).Say(clips.HoldOn, "hold on").WaitForAgentSpeech(8000);
        return script.HangUp();
    }

    private sealed record Measurement(bool Answered, List<double> VoiceToVoice, List<double> Clear);

    private static Measurement Measure(SimulatedCall call)
    {
        var events = call.Events;
        var started = events.OfType<StreamStarted>().FirstOrDefault();
        if (started is null) return new(false, [], []);
        // Stand-in stream clock → wall clock (the stream clock starts right after this event).
        var arrivals = call.AgentAudio.Received.Select(r => started.At.AddMilliseconds(r.ArrivedAtMs)).Order().ToList();
        var v2v = new List<double>();
        var clear = new List<double>();
        foreach (var spoke in events.OfType<CallerSpoke>())
        {
            var speechEnd = spoke.At.AddMilliseconds(spoke.DurationMs);
            if (spoke.Text == "barge-in")
            {
                var cleared = events.OfType<AgentCleared>().FirstOrDefault(c => c.At >= spoke.At);
                if (cleared is not null) clear.Add((cleared.At - spoke.At).TotalMilliseconds);
                continue;
            }
            // Only turns where the agent was quiet while the payer spoke: the reply is the first frame after.
            if (arrivals.Any(a => a > spoke.At && a <= speechEnd)) continue;
            var reply = arrivals.FirstOrDefault(a => a > speechEnd);
            if (reply != default && (reply - speechEnd).TotalSeconds < 10) v2v.Add((reply - speechEnd).TotalMilliseconds);
        }
        return new(true, v2v, clear);
    }

    private static void Print(string what, List<double> samples)
    {
        if (samples.Count == 0) { Console.WriteLine($"{what}: no samples"); return; }
        samples.Sort();
        double P(double p) => samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(p * samples.Count) - 1)];
        Console.WriteLine($"{what}: n={samples.Count} p50 {P(0.5):0} ms, p95 {P(0.95):0} ms, p99 {P(0.99):0} ms, max {samples[^1]:0} ms");
    }

    private static async Task<List<(int Id, string Phone)>> AddPayersAsync(IDbContextFactory<CollectIqDbContext> contexts, int count)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var payers = Enumerable.Range(0, count).Select(i => new Payer
        {
            Name = $"Bench Co {i}", ContactName = "Pat Doe", ContactPhone = $"+1212555{1000 + i:0000}", TimeZone = "America/New_York",
            CreatedAt = DateTimeOffset.UtcNow, VoiceAgentEnabled = true,
            Invoices = [new Invoice { Number = $"INV-{i}", Amount = 245.50m, OpenAmount = 245.50m, Currency = "USD", DueDate = today.AddDays(-90), IssueDate = today.AddDays(-120) }],
        }).ToList();
        db.Payers.AddRange(payers);
        await db.SaveChangesAsync();
        return payers.Select(p => (p.Id, p.ContactPhone)).ToList();
    }

    private sealed record Clips(byte[] Yes, byte[] BargeIn, byte[] HoldOn)
    {
        public static async Task<Clips> CreateAsync()
        {
            var flite = new FliteTextToSpeech("rms");
            async Task<byte[]> Clip(string text) => PhoneLine.ToMuLaw(TrimSilence(await flite.SynthesizeAllAsync(text)), noiseDbfs: -60);
            return new(await Clip("Yes, speaking."), await Clip("Hold on, wait a moment, I need to find a pen."), await Clip("Hold on a second."));
        }

        /// <summary>Clip starts and ends with voice, so "started/ended speaking" are the clip's first and last sample.</summary>
        private static PcmAudio TrimSilence(PcmAudio audio)
        {
            var start = 0;
            var end = audio.Samples.Length;
            while (start < end && Math.Abs((int)audio.Samples[start]) < 300) start++;
            while (end > start && Math.Abs((int)audio.Samples[end - 1]) < 300) end--;
            return new PcmAudio(audio.Samples[start..end], audio.SampleRate);
        }
    }

    private static string LoadAverage()
    {
        try { return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "?"; }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
