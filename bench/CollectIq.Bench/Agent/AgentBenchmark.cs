using System.Diagnostics;
using System.Text.Json;
using CollectIq.Bench.MediaStreams;
using CollectIq.Data;
using CollectIq.Domain.Payers;
using CollectIq.Simulator.Api;
using CollectIq.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollectIq.Bench.Agent;

/// <summary>
/// The voice agent under load, measured from the caller's side of the Twilio stand-in:
/// voice-to-voice = end of the payer's voiced audio (clip sent in full) → first agent media frame
/// received by the stand-in; clear = payer starts talking over the agent → <c>clear</c> received.
/// Real host on loopback, configured as for real Twilio but pointed at the stand-in, which runs in a child
/// process (<see cref="AgentCallers"/>) unless <c>--callers in-process</c>; real agent, Silero VAD,
/// pocketsphinx, flite. The app's own per-turn split is read back from its <c>turn-metrics</c> events.
/// </summary>
public static class AgentBenchmark
{
    private const string ApiKey = "ciq_bench_key_0123456789";

    public static async Task<int> RunAsync(BenchArguments args)
    {
        var calls = args.Int("calls", 40);
        var seconds = args.Int("seconds", 60);
        var separate = (args.String("callers") ?? "process") != "in-process";
        var ringSpread = args.Int("ring-spread", 0);
        var warmUp = args.Int("warm-up", 10);
        var folder = Path.Combine(Path.GetTempPath(), "collectiq-agent-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        Console.WriteLine($"agent bench: {calls} calls, {seconds} s, callers {(separate ? "in a child process" : "in-process")}, ring spread {ringSpread} s, warm-up {warmUp} s, cores {Environment.ProcessorCount}, load {LoadAverage()}");

        // The Twilio stand-in first: the host is configured as for real Twilio, pointed at it.
        Process? child = null;
        FakeTwilio? inProcess = null;
        AgentCallers.Ready ready;
        if (separate)
        {
            child = StartCallers(calls, ringSpread);
            ready = await ReadReadyAsync(child);
        }
        else
        {
            inProcess = await AgentCallers.StartStandInAsync(calls, ringSpread);
            ready = new(inProcess.BaseAddress.ToString().TrimEnd('/'), inProcess.AccountSid, inProcess.AuthToken, inProcess.PhoneNumber);
        }

        var port = FreePort();
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["ConnectionStrings:CollectIq"] = $"Data Source={Path.Combine(folder, "bench.db")}",
            ["CollectIq:DataDirectory"] = folder,
            ["CollectIq:Banner"] = "false",
            ["Demo:Seed"] = "false",
            ["Outreach:Enabled"] = "false", // the bench places its own calls; the scheduler would dial the same payers first
            ["COLLECTIQ_API_KEY"] = ApiKey,
            ["Logging:LogLevel:Default"] = "Warning",
            ["TWILIO_ACCOUNT_SID"] = ready.AccountSid,
            ["TWILIO_AUTH_TOKEN"] = ready.AuthToken,
            ["TWILIO_PHONE_NUMBER"] = ready.PhoneNumber,
            ["TWILIO_API_BASE_URL"] = ready.BaseAddress,
        };
        // Settings to compare, e.g. --set Speech:EndSilenceMs=300,Speech:MinSpeechMs=160
        foreach (var pair in (args.String("set") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            settings[kv[0]] = kv[1];
            Console.WriteLine($"  setting {kv[0]} = {kv[1]}");
        }
        var builder = CollectIqApp.CreateBuilder([], settings);
        await using var app = CollectIqApp.Build(builder);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = CollectIqApp.BoundAddress(app) };
        http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        var contexts = app.Services.GetRequiredService<IDbContextFactory<CollectIqDbContext>>();
        var payers = await AddPayersAsync(contexts, calls);
        // A host that has been up a while: the sentence cache and the decoder pool are warm (AgentWarmupService).
        await Task.Delay(TimeSpan.FromSeconds(warmUp));

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
        using var sampling = new CancellationTokenSource();
        var pool = SampleThreadPoolAsync(sampling.Token);
        var wall = Stopwatch.StartNew();
        foreach (var (id, _) in payers)
        {
            var response = await http.PostAsync($"/api/payers/{id}/outreach", null);
            if (!response.IsSuccessStatusCode) Console.WriteLine($"payer {id}: outreach refused {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(100); // a short ramp: 10 calls a second
        }
        await Task.Delay(TimeSpan.FromSeconds(seconds) - wall.Elapsed);
        var hostCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        sampling.Cancel();
        var (pending, threads) = await pool;
        Console.WriteLine($"host thread pool (sampled every 50 ms): queued work items p50 {Percentile(pending, 0.5):0}, p95 {Percentile(pending, 0.95):0}, max {pending.DefaultIfEmpty().Max():0}; threads p50 {Percentile(threads, 0.5):0}, max {threads.DefaultIfEmpty().Max():0}; "
            + $"GC gen0/1/2 {GC.CollectionCount(0) - gcBefore.Item1}/{GC.CollectionCount(1) - gcBefore.Item2}/{GC.CollectionCount(2) - gcBefore.Item3}, pause total {(GC.GetTotalPauseDuration() - gcBefore.Item4).TotalMilliseconds:0} ms");
        var elapsed = wall.Elapsed.TotalSeconds;

        AgentCallers.Result? result;
        if (child is not null)
        {
            await child.StandardInput.WriteLineAsync("measure");
            await child.StandardInput.FlushAsync();
            result = await ReadResultAsync(child);
            await child.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        else result = AgentCallers.Measure(inProcess!, TimeSpan.Zero);
        if (result is null) { Console.WriteLine("the callers process gave no result"); return 1; }

        Console.WriteLine($"calls answered with a stream: {result.Answered}/{calls}; host CPU {hostCpu.TotalSeconds / elapsed * 100:0}% of one core"
            + (separate ? $", callers CPU {result.CpuSeconds / elapsed * 100:0}%" : " (callers included)") + $" over {elapsed:0} s; load after {LoadAverage()}");
        Print("voice-to-voice (end of payer speech → first agent frame at the caller)", result.VoiceToVoice);
        Print("clear (payer starts talking over the agent → clear at the caller)", result.Clear);
        await Task.Delay(1000); // let the last writes land
        await PrintServerSideAsync(contexts);
        Console.WriteLine($"database: {Path.Combine(folder, "bench.db")}");
        await app.StopAsync();
        if (inProcess is not null) await inProcess.DisposeAsync();
        return 0;
    }

    /// <summary>Thread-pool queue length and thread count during the run: starvation shows as a queue that does not drain.</summary>
    private static async Task<(List<double> Pending, List<double> Threads)> SampleThreadPoolAsync(CancellationToken stop)
    {
        var pending = new List<double>();
        var threads = new List<double>();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                pending.Add(ThreadPool.PendingWorkItemCount);
                threads.Add(ThreadPool.ThreadCount);
            }
        }
        catch (OperationCanceledException) { }
        return (pending, threads);
    }

    private static double Percentile(List<double> samples, double p)
    {
        if (samples.Count == 0) return 0;
        var sorted = samples.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static Process StartCallers(int calls, int ringSpread)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") info.ArgumentList.Add(typeof(AgentBenchmark).Assembly.Location);
        foreach (var a in new[] { AgentCallers.Command, "--calls", calls.ToString(), "--ring-spread", ringSpread.ToString() }) info.ArgumentList.Add(a);
        info.Environment["DOTNET_gcServer"] = "0"; // the callers are not what we measure; keep their footprint small
        return Process.Start(info)!;
    }

    private static async Task<AgentCallers.Ready> ReadReadyAsync(Process child)
    {
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(AgentCallers.ReadyPrefix, StringComparison.Ordinal))
                return JsonSerializer.Deserialize<AgentCallers.Ready>(line[AgentCallers.ReadyPrefix.Length..])!;
            Console.WriteLine("  callers: " + line);
        }
        throw new InvalidOperationException("the callers process ended before it was ready");
    }

    private static async Task<AgentCallers.Result?> ReadResultAsync(Process child)
    {
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(AgentCallers.ResultPrefix, StringComparison.Ordinal))
                return JsonSerializer.Deserialize<AgentCallers.Result>(line[AgentCallers.ResultPrefix.Length..]);
            Console.WriteLine("  callers: " + line);
        }
        return null;
    }

    /// <summary>The app's own view: the <c>turn-metrics</c>, <c>barge-in</c> and <c>false-interruption</c> events of every call.</summary>
    private static async Task PrintServerSideAsync(IDbContextFactory<CollectIqDbContext> contexts)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var details = await db.Set<CollectIq.Domain.Calls.CallEvent>().AsNoTracking()
            .Where(e => e.Type == "turn-metrics" || e.Type == "false-interruption" || e.Type == "barge-in")
            .Select(e => new { e.Type, e.Detail }).ToListAsync();
        var metrics = details.Where(d => d.Type == "turn-metrics" && d.Detail != null).Select(d => JsonDocument.Parse(d.Detail!).RootElement).ToList();
        List<double> Field(string name) => metrics
            .Where(m => m.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number)
            .Select(m => m.GetProperty(name).GetDouble()).ToList();
        Console.WriteLine($"server side: {metrics.Count} turn-metrics, {details.Count(d => d.Type == "barge-in")} barge-ins, {details.Count(d => d.Type == "false-interruption")} false interruptions");
        foreach (var (label, name) in new[] { ("  endpoint delay", "endpointDelayMs"), ("  STT finalise", "sttMs"), ("  dialog", "dialogMs"), ("  TTS first frame", "ttsFirstFrameMs"), ("  voice-to-voice in the app", "voiceToVoiceMs"), ("  barge-in delay (onset → clear sent)", "bargeInDelayMs") })
            Print(label, Field(name));
    }

    private static void Print(string what, List<double> samples)
    {
        if (samples.Count == 0) { Console.WriteLine($"{what}: no samples"); return; }
        samples = [.. samples];
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
            Name = $"Bench Co {i}", ContactName = "Pat Doe", ContactPhone = AgentCallers.Phone(i), TimeZone = "America/New_York",
            CreatedAt = DateTimeOffset.UtcNow, VoiceAgentEnabled = true,
            Invoices = [new Invoice { Number = $"INV-{i}", Amount = 245.50m, OpenAmount = 245.50m, Currency = "USD", DueDate = today.AddDays(-90), IssueDate = today.AddDays(-120) }],
        }).ToList();
        db.Payers.AddRange(payers);
        await db.SaveChangesAsync();
        return payers.Select(p => (p.Id, p.ContactPhone)).ToList();
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
