using System.Buffers.Binary;
using System.Buffers.Text;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace CollectIq.Bench.MediaStreams;

/// <summary>
/// The simulated Twilio side of the load test (a child process): N WebSocket callers, each sending
/// connected + start and then one 20 ms media frame every 20 ms in real time, measuring the echo.
/// Each frame's payload starts with its scheduled send time (Stopwatch ticks) so the server and
/// the caller can measure lateness without a shared clock object.
/// </summary>
public static class StreamClients
{
    public const string Command = "stream-clients";
    public const string ResultPrefix = "RESULT ";
    private const int FrameBytes = 160;
    private static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(20);

    public sealed record Result(long FramesSent, long FramesEchoed, double EchoP50, double EchoP99, double EchoFromSendP50, double EchoFromSendP99, double SendLateP99, int ConnectFailures, int ClosedEarly, double CpuPercent);

    public static async Task<int> RunAsync(BenchArguments args)
    {
        var url = new Uri(args.String("url") ?? throw new ArgumentException("--url is required"));
        var signature = args.String("signature") ?? "";
        var count = args.Int("count", 1000);
        var seconds = args.Int("seconds", 30);
        var ramp = Math.Max(10, args.Int("ramp-per-second", 250));
        ThreadPool.SetMinThreads(Math.Max(Environment.ProcessorCount * 4, 16), 16);

        var echo = new LatencyHistogram();
        var echoFromSend = new LatencyHistogram();
        var sendLate = new LatencyHistogram();
        var callers = new Caller[count];
        var connectFailures = 0;

        // Connect at a bounded rate, like calls being answered.
        var connects = new List<Task>();
        var rampClock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / (double)ramp) - rampClock.Elapsed;
            if (due > TimeSpan.Zero) await Task.Delay(due);
            var index = i;
            connects.Add(Task.Run(async () =>
            {
                try { callers[index] = await Caller.ConnectAsync(url, signature, index, echo, echoFromSend); }
                catch (Exception) { Interlocked.Increment(ref connectFailures); }
            }));
        }
        await Task.WhenAll(connects);
        Console.WriteLine($"{count - connectFailures} callers connected in {rampClock.Elapsed.TotalSeconds:F1} s");

        var process = Process.GetCurrentProcess();
        var cpuStart = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var runUntil = Stopwatch.GetTimestamp() + (long)(seconds * (double)Stopwatch.Frequency);
        var origin = Stopwatch.GetTimestamp();
        var live = callers.Where(c => c is not null).ToArray();
        // Spread the callers' frames evenly over the 20 ms interval, as independent calls would be.
        await Task.WhenAll(live.Select((c, i) => c.StreamAsync(origin + (long)(FrameInterval.TotalSeconds * Stopwatch.Frequency * i / live.Length), runUntil, sendLate)));
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuStart).TotalMilliseconds / wall.Elapsed.TotalMilliseconds / Environment.ProcessorCount * 100;

        await Task.WhenAll(live.Select(c => c.StopAsync()));
        var result = new Result(
            live.Sum(c => c.FramesSent), live.Sum(c => c.FramesEchoed),
            echo.Percentile(50), echo.Percentile(99), echoFromSend.Percentile(50), echoFromSend.Percentile(99), sendLate.Percentile(99),
            connectFailures, live.Count(c => c.ClosedEarly), cpu);
        Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));
        return 0;
    }

    private sealed class Caller
    {
        private readonly ClientWebSocket _socket;
        private readonly byte[] _streamSid;
        private readonly byte[] _sendBuffer = new byte[1024];
        private readonly byte[] _frame = new byte[FrameBytes];
        private readonly LatencyHistogram _echo;
        private readonly LatencyHistogram _echoFromSend;
        private Task? _receiveLoop;
        private long _framesEchoed;

        private Caller(ClientWebSocket socket, int index, LatencyHistogram echo, LatencyHistogram echoFromSend)
        {
            _echoFromSend = echoFromSend;
            _socket = socket;
            _streamSid = Encoding.UTF8.GetBytes($"MZ{index:D32}");
            _echo = echo;
            Array.Fill(_frame, (byte)0xFF); // µ-law silence after the two 8-byte timestamps (scheduled, actually sent)
        }

        public long FramesSent { get; private set; }
        public long FramesEchoed => Interlocked.Read(ref _framesEchoed);
        public bool ClosedEarly { get; private set; }

        public static async Task<Caller> ConnectAsync(Uri url, string signature, int index, LatencyHistogram echo, LatencyHistogram echoFromSend)
        {
            var socket = new ClientWebSocket();
            socket.Options.SetRequestHeader("X-Twilio-Signature", signature);
            socket.Options.KeepAliveInterval = TimeSpan.Zero;
            await socket.ConnectAsync(url, CancellationToken.None);
            var caller = new Caller(socket, index, echo, echoFromSend);
            await caller.SendTextAsync("""{"event":"connected","protocol":"Call","version":"1.0.0"}""");
            var sid = $"MZ{index:D32}";
            await caller.SendTextAsync($$$$"""{"event":"start","sequenceNumber":"1","streamSid":"{{{{sid}}}}","start":{"accountSid":"AC00000000000000000000000000000000","streamSid":"{{{{sid}}}}","callSid":"CA{{{{index:D32}}}}","tracks":["inbound"],"customParameters":{"callId":"{{{{index + 1}}}}","payerId":"{{{{index + 1}}}}"},"mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":1}}}""");
            caller._receiveLoop = Task.Run(caller.ReceiveLoopAsync);
            return caller;
        }

        private Task SendTextAsync(string text) => _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

        public async Task StreamAsync(long firstDue, long runUntil, LatencyHistogram sendLate)
        {
            var interval = (long)(FrameInterval.TotalSeconds * Stopwatch.Frequency);
            var due = firstDue;
            long chunk = 0;
            try
            {
                while (due < runUntil && _socket.State == WebSocketState.Open)
                {
                    var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                    if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
                    sendLate.Record(Stopwatch.GetElapsedTime(due).TotalMilliseconds);
                    chunk++;
                    BinaryPrimitives.WriteInt64LittleEndian(_frame, due);
                    BinaryPrimitives.WriteInt64LittleEndian(_frame.AsSpan(8), Stopwatch.GetTimestamp());
                    var length = WriteMedia(chunk, (chunk - 1) * 20);
                    await _socket.SendAsync(_sendBuffer.AsMemory(0, length), WebSocketMessageType.Text, true, CancellationToken.None);
                    FramesSent++;
                    due += interval;
                }
            }
            catch (WebSocketException)
            {
            }
            if (_socket.State != WebSocketState.Open) ClosedEarly = true;
        }

        private int WriteMedia(long chunk, long timestamp)
        {
            var span = _sendBuffer.AsSpan();
            Utf8.TryWrite(span, $"{{\"event\":\"media\",\"sequenceNumber\":\"{chunk + 1}\",\"streamSid\":\"", out var n);
            _streamSid.CopyTo(span[n..]);
            n += _streamSid.Length;
            Utf8.TryWrite(span[n..], $"\",\"media\":{{\"track\":\"inbound\",\"chunk\":\"{chunk}\",\"timestamp\":\"{timestamp}\",\"payload\":\"", out var m);
            n += m;
            Base64.EncodeToUtf8(_frame, span[n..], out _, out var encoded);
            n += encoded;
            "\"}}"u8.CopyTo(span[n..]);
            return n + 3;
        }

        private async Task ReceiveLoopAsync()
        {
            var buffer = new byte[8192];
            var decoded = new byte[4096];
            try
            {
                while (true)
                {
                    var count = 0;
                    ValueWebSocketReceiveResult result;
                    do
                    {
                        result = await _socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
                        count += result.Count;
                    } while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
                    if (result.MessageType == WebSocketMessageType.Close) return;
                    MeasureEcho(buffer.AsSpan(0, count), decoded);
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }

        private void MeasureEcho(ReadOnlySpan<byte> json, byte[] decoded)
        {
            var start = json.IndexOf("\"payload\":\""u8);
            if (start < 0) return;
            var payload = json[(start + 11)..];
            var end = payload.IndexOf((byte)'"');
            if (end < 0 || Base64.DecodeFromUtf8(payload[..end], decoded, out _, out var written) != System.Buffers.OperationStatus.Done) return;
            var now = Stopwatch.GetTimestamp();
            for (var offset = 0; offset + FrameBytes <= written; offset += FrameBytes)
            {
                var due = BinaryPrimitives.ReadInt64LittleEndian(decoded.AsSpan(offset));
                var sent = BinaryPrimitives.ReadInt64LittleEndian(decoded.AsSpan(offset + 8));
                _echo.Record(Stopwatch.GetElapsedTime(due, now).TotalMilliseconds);
                _echoFromSend.Record(Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds);
                Interlocked.Increment(ref _framesEchoed);
            }
        }

        public async Task StopAsync()
        {
            try
            {
                if (_socket.State == WebSocketState.Open)
                {
                    await SendTextAsync($$$$"""{"event":"stop","sequenceNumber":"999999","streamSid":"{{{{Encoding.UTF8.GetString(_streamSid)}}}}","stop":{"accountSid":"AC00000000000000000000000000000000","callSid":"CA"}}""");
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                }
                if (_receiveLoop is not null) await _receiveLoop.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception)
            {
            }
            _socket.Dispose();
        }
    }
}
