using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace CollectIq.Simulator.Tests.Support;

/// <summary>Our side of one media stream in the tests: records every message from the stand-in with its arrival time, sends ours.</summary>
public sealed class StreamConnection(WebSocket socket)
{
    private readonly object gate = new();
    private readonly List<ReceivedMessage> messages = [];
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly SemaphoreSlim sendLock = new(1, 1);
    private readonly TaskCompletionSource ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WebSocket Socket { get; } = socket;
    public Task Ended => ended.Task;
    public long ElapsedMs => clock.ElapsedMilliseconds;
    public bool ClosedByTwilio { get; private set; }

    public IReadOnlyList<ReceivedMessage> Messages { get { lock (gate) return messages.ToList(); } }

    public IReadOnlyList<ReceivedMessage> Events(string name) => Messages.Where(m => m.Event == name).ToList();

    public string StreamSid => Events("start").Single().Json.GetProperty("streamSid").GetString()!;

    /// <summary>Receives until the stand-in closes the socket (or it breaks).</summary>
    public async Task ReceiveUntilClosedAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await Socket.ReceiveAsync(buffer, CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        ClosedByTwilio = true;
                        if (Socket.State == WebSocketState.CloseReceived)
                            await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                        return;
                    }
                    message.Write(buffer, 0, result.Count);
                } while (!result.EndOfMessage);
                var json = JsonDocument.Parse(message.ToArray()).RootElement.Clone();
                Add(new ReceivedMessage(json.GetProperty("event").GetString()!, json, clock.ElapsedMilliseconds));
            }
        }
        catch (WebSocketException)
        {
        }
        finally
        {
            MarkEnded();
        }
    }

    /// <summary>Waits until a message matches (checking those already received first).</summary>
    public async Task<ReceivedMessage> WaitForAsync(Func<ReceivedMessage, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            Task wait;
            lock (gate)
            {
                var found = messages.FirstOrDefault(match);
                if (found is not null) return found;
                wait = changed.Task;
            }
            if (ended.Task.IsCompleted && !Messages.Any(match)) throw new InvalidOperationException("The stream ended before the expected message arrived.");
            await Task.WhenAny(wait, ended.Task).WaitAsync(cts.Token);
        }
    }

    public Task<ReceivedMessage> WaitForEventAsync(string name, TimeSpan? timeout = null) => WaitForAsync(m => m.Event == name, timeout);

    public Task SendMediaAsync(ReadOnlySpan<byte> mulaw) => SendAsync(new { @event = "media", streamSid = StreamSid, media = new { payload = Convert.ToBase64String(mulaw) } });
    public Task SendMarkAsync(string name) => SendAsync(new { @event = "mark", streamSid = StreamSid, mark = new { name } });
    public Task SendClearAsync() => SendAsync(new { @event = "clear", streamSid = StreamSid });

    public Task SendAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message));

    public async Task SendTextAsync(string text)
    {
        await sendLock.WaitAsync();
        try
        {
            await Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            sendLock.Release();
        }
    }

    /// <summary>Our server closes the stream (Twilio then goes on to the next verb).</summary>
    public Task CloseAsync() => Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);

    internal void MarkEnded()
    {
        ended.TrySetResult();
        lock (gate) changed.TrySetResult();
    }

    private void Add(ReceivedMessage message)
    {
        TaskCompletionSource signal;
        lock (gate)
        {
            messages.Add(message);
            signal = changed;
            changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        signal.TrySetResult();
    }
}

public sealed record ReceivedMessage(string Event, JsonElement Json, long AtMs)
{
    public string Str(string property) => Json.GetProperty(property).GetString()!;
    public JsonElement Body => Json.GetProperty(Event);
}
