using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json;
using CollectIq.Domain.Calls;
using CollectIq.Telephony.MediaStreams;
using CollectIq.Telephony.MediaStreams.Echo;
using CollectIq.Telephony.Twilio;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CollectIq.Bench.MediaStreams;

/// <summary>
/// Server half of the media-stream load test: Kestrel on loopback with the real endpoint, session,
/// pacer and echo agent; the callers run in a child process (<see cref="StreamClients"/>) so this
/// process's CPU and managed memory are the server's alone.
/// </summary>
public static class StreamsBenchmark
{
    private const string AuthToken = "bench-token";
    private const string PublicUrl = "https://bench.collectiq.example";

    public static async Task<int> RunAsync(BenchArguments args)
    {
        var count = args.Int("count", 1000);
        var seconds = Math.Max(10, args.Int("seconds", 30));
        var ramp = args.Int("ramp-per-second", 250);

        var lateness = new LatencyHistogram();
        var delivery = new LatencyHistogram();
        var handling = new LatencyHistogram();
        await using var app = await StartServerAsync(lateness, delivery);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var streamUrl = address.Replace("http://", "ws://") + MediaStreamEndpointRouteBuilderExtensions.DefaultPath;
        var signature = TwilioSignature.Compute(AuthToken, new TwilioOptions { PublicUrl = PublicUrl }.PublicWebSocket(MediaStreamEndpointRouteBuilderExtensions.DefaultPath).AbsoluteUri);
        var registry = app.Services.GetRequiredService<MediaStreamSessionRegistry>();

        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MediaStreamMetrics.MeterName && instrument.Name == MediaStreamMetrics.FrameHandlingInstrument) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => handling.Record(value));
        listener.Start();

        var memoryBefore = SettledManagedMemory();
        var heapBefore = GC.GetGCMemoryInfo().HeapSizeBytes;
        Console.WriteLine($"server {address}, {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}; managed memory before streams: {memoryBefore / 1024.0 / 1024:F1} MB");

        using var child = StartClients(streamUrl, signature, count, seconds, ramp);
        var clientResult = ReadClientOutputAsync(child);

        var connectDeadline = Stopwatch.StartNew();
        while (registry.StartedCount < count && !child.HasExited && connectDeadline.Elapsed < TimeSpan.FromSeconds(count / (double)ramp + 60))
            await Task.Delay(100);
        var started = registry.StartedCount;
        Console.WriteLine($"{started} streams started in {connectDeadline.Elapsed.TotalSeconds:F1} s");

        // Warm-up, then measure a steady window shorter than the callers' run.
        await Task.Delay(TimeSpan.FromSeconds(2));
        lateness.Reset();
        delivery.Reset();
        handling.Reset();
        var process = Process.GetCurrentProcess();
        var cpuStart = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var window = TimeSpan.FromSeconds(seconds - 5);
        await Task.Delay(window);
        process.Refresh();
        var cpuMs = (process.TotalProcessorTime - cpuStart).TotalMilliseconds;
        var cpuPercent = cpuMs / wall.Elapsed.TotalMilliseconds / Environment.ProcessorCount * 100;
        var openAtEnd = registry.StartedCount;
        var lateP50 = lateness.Percentile(50);
        var lateP99 = lateness.Percentile(99);
        var onTime = lateness.FractionAtMost(20);
        var deliveryP50 = delivery.Percentile(50);
        var deliveryP99 = delivery.Percentile(99);
        var handleP50 = handling.Percentile(50);
        var handleP99 = handling.Percentile(99);
        var handleP999 = handling.Percentile(99.9);
        var frames = handling.Count;

        // Memory with every stream still open: forced full GC, so only live objects count.
        var memoryOpen = SettledManagedMemory();
        var heapOpen = GC.GetGCMemoryInfo().HeapSizeBytes;
        var perStreamKb = openAtEnd == 0 ? double.NaN : (memoryOpen - memoryBefore) / 1024.0 / openAtEnd;
        var heapPerStreamKb = openAtEnd == 0 ? double.NaN : (heapOpen - heapBefore) / 1024.0 / openAtEnd;

        var clients = await clientResult;
        await child.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(seconds + 120));
        await app.StopAsync();

        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine("| metric | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine(string.Create(inv, $"| concurrent streams (started / open at end of window) | {started} / {openAtEnd} |"));
        Console.WriteLine(string.Create(inv, $"| measured window | {window.TotalSeconds:F0} s, {frames:N0} inbound frames ({frames / window.TotalSeconds:N0}/s) |"));
        Console.WriteLine(string.Create(inv, $"| server frame handling (receive → handler returned) p50 / p99 / p99.9 | {handleP50:F3} / {handleP99:F3} / {handleP999:F3} ms |"));
        Console.WriteLine(string.Create(inv, $"| frame lateness (caller's schedule → handler) p50 / p99 | {lateP50:F2} / {lateP99:F2} ms |"));
        Console.WriteLine(string.Create(inv, $"| frames on time (≤ 20 ms late at the handler) | {onTime * 100:F2} % |"));
        Console.WriteLine(string.Create(inv, $"| delivery (caller's actual send → handler) p50 / p99 | {deliveryP50:F2} / {deliveryP99:F2} ms |"));
        if (clients is not null)
        {
            Console.WriteLine(string.Create(inv, $"| echo round trip (caller's schedule → echo back at caller) p50 / p99 | {clients.EchoP50:F2} / {clients.EchoP99:F2} ms |"));
            Console.WriteLine(string.Create(inv, $"| echo round trip (caller's actual send → echo back) p50 / p99 | {clients.EchoFromSendP50:F2} / {clients.EchoFromSendP99:F2} ms |"));
            Console.WriteLine(string.Create(inv, $"| frames sent / echoed back (callers) | {clients.FramesSent:N0} / {clients.FramesEchoed:N0} |"));
            Console.WriteLine(string.Create(inv, $"| callers' own send lateness p99 | {clients.SendLateP99:F2} ms |"));
            Console.WriteLine(string.Create(inv, $"| connect failures / streams closed early | {clients.ConnectFailures} / {clients.ClosedEarly} |"));
            Console.WriteLine(string.Create(inv, $"| CPU, callers' process (of all cores) | {clients.CpuPercent:F0} % |"));
        }
        Console.WriteLine(string.Create(inv, $"| CPU, server process (of all cores) | {cpuPercent:F0} % |"));
        if (frames > 0)
        {
            // Contention-independent efficiency: CPU time per inbound frame (its parse, the agent, the echo's pacing and send).
            var microsPerFrame = cpuMs * 1000 / frames;
            var capacity = Environment.ProcessorCount * 1_000_000 / microsPerFrame / 50;
            Console.WriteLine(string.Create(inv, $"| server CPU per inbound frame incl. its echo | {microsPerFrame:F1} µs → {capacity:N0} streams would saturate {Environment.ProcessorCount} idle cores |"));
        }
        Console.WriteLine(string.Create(inv, $"| managed memory per open stream (GC.GetTotalMemory after full GC) | {perStreamKb:F1} KB |"));
        Console.WriteLine(string.Create(inv, $"| GC heap size per open stream (GCMemoryInfo.HeapSizeBytes) | {heapPerStreamKb:F1} KB |"));
        return 0;
    }

    private static long SettledManagedMemory()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task<WebApplication> StartServerAsync(LatencyHistogram lateness, LatencyHistogram delivery)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Limits.MaxConcurrentConnections = null).UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TWILIO_ACCOUNT_SID"] = "AC00000000000000000000000000000000",
            ["TWILIO_AUTH_TOKEN"] = AuthToken,
            ["TWILIO_PHONE_NUMBER"] = "+15005550006",
            ["PUBLIC_URL"] = PublicUrl,
            ["MediaStreams:StartTimeout"] = "00:02:00",
            ["MediaStreams:Echo:Mode"] = nameof(EchoMode.PerFrame),
            ["MediaStreams:Echo:ToneMs"] = "0",
            ["MediaStreams:Echo:SpeechThreshold"] = "32000",
        });
        builder.Services.AddTwilioMediaStreams(builder.Configuration);
        builder.Services.AddEchoToneMediaStreamHandler(builder.Configuration);
        builder.Services.AddSingleton<IMediaStreamHandlerFactory>(sp => new MeasuringHandlerFactory(sp.GetRequiredService<EchoToneHandlerFactory>(), lateness, delivery));
        builder.Services.AddSingleton<ICallRecorder, CountingRecorder>();
        builder.Services.AddSingleton<IMediaStreamCallResolver, AcceptAllResolver>();
        var app = builder.Build();
        app.MapTwilioMediaStream();
        await app.StartAsync();
        return app;
    }

    private static Process StartClients(string url, string signature, int count, int seconds, int ramp)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") info.ArgumentList.Add(typeof(StreamsBenchmark).Assembly.Location);
        foreach (var a in new[] { StreamClients.Command, "--url", url, "--signature", signature, "--count", count.ToString(), "--seconds", seconds.ToString(), "--ramp-per-second", ramp.ToString() })
            info.ArgumentList.Add(a);
        info.Environment["DOTNET_gcServer"] = "0"; // the callers are not what we measure; keep their footprint small
        return Process.Start(info)!;
    }

    private static async Task<StreamClients.Result?> ReadClientOutputAsync(Process child)
    {
        StreamClients.Result? result = null;
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(StreamClients.ResultPrefix, StringComparison.Ordinal))
                result = JsonSerializer.Deserialize<StreamClients.Result>(line[StreamClients.ResultPrefix.Length..]);
            else
                Console.WriteLine("  callers: " + line);
        }
        return result;
    }
}
