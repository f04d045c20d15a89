using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace CollectIq.Agent.Tests.Pipeline.Infrastructure;

/// <summary>
/// (Copied from tests/CollectIq.Telephony.Tests: test projects cannot reference each other.)
/// Plays Twilio's side of a media stream over a real ClientWebSocket: sends connected/start/media/
/// dtmf/stop, collects what the server sends, and (like Twilio) echoes marks back.
/// </summary>
internal sealed class TwilioStreamClient : IAsyncDisposable
{
    public sealed record Received(string Event, string? StreamSid, byte[]? Audio, string? MarkName, long AtTimestamp);

    private readonly ClientWebSocket _socket;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Channel<Received> _inbox = Channel.CreateUnbounded<Received>();
    private readonly List<Received> _all = [];
    private readonly Task _receiveLoop;
    private int _sequence;
    private int _chunk;

    private TwilioStreamClient(ClientWebSocket socket)
    {
        _socket = socket;
        _receiveLoop = Task.Run(ReceiveLoopAsync);
    }

    public string StreamSid { get; private set; } = "";
    public bool EchoMarks { get; set; } = true;
    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;
    public string? CloseDescription => _socket.CloseStatusDescription;
    public WebSocketState State => _socket.State;
    public IReadOnlyList<Received> All { get { lock (_all) return _all.ToList(); } }

    public static async Task<TwilioStreamClient> ConnectAsync(Uri uri, string? signature)
    {
        var socket = new ClientWebSocket();
        if (signature is not null) socket.Options.SetRequestHeader("X-Twilio-Signature", signature);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await socket.ConnectAsync(uri, timeout.Token);
        return new TwilioStreamClient(socket);
    }

    /// <summary>Tries a handshake and returns the HTTP status the server answered with.</summary>
    public static async Task<int> HandshakeStatusAsync(Uri uri, string? signature)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (signature is not null) socket.Options.SetRequestHeader("X-Twilio-Signature", signature);
        try
        {
            await socket.ConnectAsync(uri, CancellationToken.None);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        }
        catch (WebSocketException)
        {
        }
        return (int)socket.HttpStatusCode;
    }

    public Task SendConnectedAsync() => SendAsync("""{"event":"connected","protocol":"Call","version":"1.0.0"}""");

    public Task SendStartAsync(string streamSid, string callSid, int callId, object payerId, string encoding = "audio/x-mulaw")
    {
        StreamSid = streamSid;
        return SendAsync(JsonSerializer.Serialize(new
        {
            @event = "start",
            sequenceNumber = Next(),
            streamSid,
            start = new
            {
                accountSid = "AC0000000000000000000000000000000b",
                streamSid,
                callSid,
                tracks = new[] { "inbound" },
                customParameters = new Dictionary<string, string> { ["callId"] = callId.ToString(), ["payerId"] = payerId.ToString()! },
                mediaFormat = new { encoding, sampleRate = 8000, channels = 1 },
            },
        }));
    }

    public Task SendMediaAsync(ReadOnlySpan<byte> mulaw, string? streamSid = null)
    {
        var chunk = ++_chunk;
        return SendAsync(JsonSerializer.Serialize(new
        {
            @event = "media",
            sequenceNumber = Next(),
            streamSid = streamSid ?? StreamSid,
            media = new { track = "inbound", chunk = chunk.ToString(), timestamp = ((chunk - 1) * 20).ToString(), payload = Convert.ToBase64String(mulaw) },
        }));
    }

    /// <summary>Sends 20 ms frames of <paramref name="audio"/> in real time (like Twilio).</summary>
    public async Task SendAudioRealTimeAsync(byte[] audio)
    {
        var started = Stopwatch.GetTimestamp();
        for (var offset = 0; offset < audio.Length; offset += 160)
        {
            await SendMediaAsync(audio.AsSpan(offset, Math.Min(160, audio.Length - offset)));
            var due = TimeSpan.FromMilliseconds((offset / 160 + 1) * 20) - Stopwatch.GetElapsedTime(started);
            if (due > TimeSpan.Zero) await Task.Delay(due);
        }
    }

    public Task SendDtmfAsync(char digit) => SendAsync(JsonSerializer.Serialize(new
    {
        @event = "dtmf", sequenceNumber = Next(), streamSid = StreamSid, dtmf = new { track = "inbound_track", digit = digit.ToString() },
    }));

    public Task SendStopAsync() => SendAsync(JsonSerializer.Serialize(new
    {
        @event = "stop", sequenceNumber = Next(), streamSid = StreamSid, stop = new { accountSid = "AC0000000000000000000000000000000b", callSid = "CA" },
    }));

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    public async Task SendAsync(byte[] data, WebSocketMessageType type)
    {
        await _sendLock.WaitAsync();
        try { await _socket.SendAsync(data, type, true, CancellationToken.None); }
        finally { _sendLock.Release(); }
    }

    /// <summary>Next message from the server, skipping those that do not match; throws on timeout or close.</summary>
    public async Task<Received> WaitForAsync(Func<Received, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var next = await _inbox.Reader.ReadAsync(cts.Token);
            if (match(next)) return next;
        }
    }

    public Task<Received> WaitForMarkAsync(string name, TimeSpan? timeout = null) => WaitForAsync(r => r.Event == "mark" && r.MarkName == name, timeout);

    /// <summary>Waits until the server has closed the socket (close frame or abort).</summary>
    public async Task WaitForCloseAsync(TimeSpan? timeout = null) => await _receiveLoop.WaitAsync(timeout ?? TimeSpan.FromSeconds(15));

    /// <summary>Drops the TCP connection without a close frame (a call that vanished).</summary>
    public void Abort() => _socket.Abort();

    public async Task CloseAsync()
    {
        await _sendLock.WaitAsync();
        try { await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None); }
        finally { _sendLock.Release(); }
    }

    private string Next() => Interlocked.Increment(ref _sequence).ToString();

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var count = 0;
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(new ArraySegment<byte>(buffer, count, buffer.Length - count), CancellationToken.None);
                    count += result.Count;
                } while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (_socket.State == WebSocketState.CloseReceived)
                        await CloseAsync();
                    break;
                }
                var received = Parse(buffer.AsSpan(0, count));
                lock (_all) _all.Add(received);
                await _inbox.Writer.WriteAsync(received);
                if (received.Event == "mark" && EchoMarks)
                    await SendAsync(JsonSerializer.Serialize(new { @event = "mark", sequenceNumber = Next(), streamSid = StreamSid, mark = new { name = received.MarkName } }));
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            _inbox.Writer.TryComplete();
        }
    }

    private static Received Parse(ReadOnlySpan<byte> json)
    {
        using var doc = JsonDocument.Parse(json.ToArray());
        var root = doc.RootElement;
        var evt = root.GetProperty("event").GetString()!;
        var sid = root.TryGetProperty("streamSid", out var s) ? s.GetString() : null;
        byte[]? audio = evt == "media" ? Convert.FromBase64String(root.GetProperty("media").GetProperty("payload").GetString()!) : null;
        var mark = evt == "mark" ? root.GetProperty("mark").GetProperty("name").GetString() : null;
        return new Received(evt, sid, audio, mark, Stopwatch.GetTimestamp());
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try { await CloseAsync(); await _receiveLoop.WaitAsync(TimeSpan.FromSeconds(5)); }
            catch (Exception) { }
        }
        _socket.Abort();
        _socket.Dispose();
    }
}
