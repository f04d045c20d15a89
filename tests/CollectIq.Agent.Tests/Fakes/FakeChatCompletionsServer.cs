using System.Text;
using System.Text.Json;
using CollectIq.Telephony.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CollectIq.Agent.Tests.Fakes;

/// <summary>
/// A local OpenAI-compatible <c>POST /v1/chat/completions</c> on Kestrel (loopback, port 0): streaming
/// (SSE chunks with content and <c>tool_calls</c> deltas, then <c>[DONE]</c>) and non-streaming answers.
/// The test decides each answer in <see cref="OnRequest"/> by writing text and tool calls through the
/// <see cref="FakeChatReply"/> (each write is flushed at once, so a test can hold the stream half-way);
/// throwing before anything is written answers 500, throwing after aborts the connection.
/// </summary>
internal sealed class FakeChatCompletionsServer : IAsyncDisposable
{
    private readonly List<FakeChatRequest> _requests = [];
    private int _aborted;

    private FakeChatCompletionsServer(LoopbackServer server) => Server = server;

    public LoopbackServer Server { get; }
    public Uri BaseUrl => new(Server.BaseAddress, "v1/");
    public IReadOnlyList<FakeChatRequest> Requests { get { lock (_requests) return _requests.ToList(); } }

    /// <summary>Requests whose client went away before the answer was complete (a cancelled stream).</summary>
    public int Aborted => Volatile.Read(ref _aborted);

    public Func<FakeChatRequest, FakeChatReply, Task> OnRequest { get; set; } = (_, reply) => reply.TextAsync("Okay.");

    public static async Task<FakeChatCompletionsServer> StartAsync()
    {
        FakeChatCompletionsServer? self = null;
        var server = await LoopbackServer.StartAsync(null, app => app.MapPost("/v1/chat/completions", (HttpContext http) => self!.HandleAsync(http)));
        self = new FakeChatCompletionsServer(server);
        return self;
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var request = FakeChatRequest.Parse(await reader.ReadToEndAsync(), http.RequestAborted);
        lock (_requests) _requests.Add(request);
        var reply = new FakeChatReply(http, request.Stream);
        try
        {
            await OnRequest(request, reply);
            await reply.FinishAsync();
        }
        catch (Exception) when (http.RequestAborted.IsCancellationRequested)
        {
            Interlocked.Increment(ref _aborted);
        }
        catch (Exception) when (!reply.Started)
        {
            http.Response.StatusCode = 500;
            await http.Response.WriteAsJsonAsync(new { error = new { message = "boom", type = "server_error" } });
        }
        catch (Exception)
        {
            http.Abort();
        }
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

/// <summary>One request as the fake saw it.</summary>
internal sealed record FakeChatRequest(string Body, bool Stream, IReadOnlyList<(string Role, string Content)> Messages, IReadOnlyList<string> ToolNames, CancellationToken Aborted)
{
    public string System => Messages.FirstOrDefault(m => m.Role == "system").Content ?? "";
    public string LastUser => Messages.LastOrDefault(m => m.Role == "user").Content ?? "";

    public static FakeChatRequest Parse(string body, CancellationToken aborted)
    {
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        var messages = root.GetProperty("messages").EnumerateArray().Select(m => (
            m.GetProperty("role").GetString()!,
            m.TryGetProperty("content", out var c) ? c.ValueKind switch
            {
                JsonValueKind.String => c.GetString()!,
                JsonValueKind.Array => string.Concat(c.EnumerateArray().Select(p => p.TryGetProperty("text", out var t) ? t.GetString() : "")),
                _ => "",
            } : "")).ToList();
        var tools = root.TryGetProperty("tools", out var t) && t.ValueKind == JsonValueKind.Array
            ? t.EnumerateArray().Select(x => x.GetProperty("function").GetProperty("name").GetString()!).ToList()
            : [];
        var stream = root.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        return new FakeChatRequest(body, stream, messages, tools, aborted);
    }
}

/// <summary>The answer being written: text deltas and tool calls, streamed (flushed per write) or collected for one JSON answer.</summary>
internal sealed class FakeChatReply(HttpContext http, bool stream)
{
    private readonly StringBuilder _text = new();
    private readonly List<(string Id, string Name, string Arguments)> _calls = [];

    public bool Started { get; private set; }

    public async Task TextAsync(string text)
    {
        _text.Append(text);
        if (stream) await ChunkAsync(new { content = text });
    }

    /// <summary>A tool call; streamed as a header delta and the arguments in <paramref name="fragments"/> pieces (as OpenAI does).</summary>
    public async Task ToolCallAsync(string name, string argumentsJson, int fragments = 3)
    {
        var index = _calls.Count;
        var id = $"call_{index + 1}";
        _calls.Add((id, name, argumentsJson));
        if (!stream) return;
        await ChunkAsync(new { tool_calls = new object[] { new { index, id, type = "function", function = new { name, arguments = "" } } } });
        var size = Math.Max(1, (argumentsJson.Length + fragments - 1) / fragments);
        for (var i = 0; i < argumentsJson.Length; i += size)
            await ChunkAsync(new { tool_calls = new object[] { new { index, function = new { arguments = argumentsJson.Substring(i, Math.Min(size, argumentsJson.Length - i)) } } } });
    }

    internal async Task FinishAsync()
    {
        var finish = _calls.Count > 0 ? "tool_calls" : "stop";
        if (stream)
        {
            await ChunkAsync(new { }, finish);
            await http.Response.WriteAsync("data: [DONE]\n\n");
            await http.Response.Body.FlushAsync();
            return;
        }
        var toolCalls = _calls.Count == 0 ? null : _calls.Select(c => new { id = c.Id, type = "function", function = new { name = c.Name, arguments = c.Arguments } }).ToArray();
        await http.Response.WriteAsJsonAsync(new
        {
            id = "chatcmpl-1", @object = "chat.completion", created = 1_700_000_000, model = "test-model",
            choices = new[] { new { index = 0, message = new { role = "assistant", content = _text.Length > 0 ? _text.ToString() : null, tool_calls = toolCalls }, finish_reason = finish } },
            usage = new { prompt_tokens = 10, completion_tokens = 5, total_tokens = 15 },
        });
    }

    private async Task ChunkAsync(object delta, string? finish = null)
    {
        if (!Started)
        {
            Started = true;
            http.Response.ContentType = "text/event-stream";
            await WriteAsync(new { role = "assistant", content = "" }, null);
        }
        await WriteAsync(delta, finish);
    }

    private async Task WriteAsync(object delta, string? finish)
    {
        var chunk = new
        {
            id = "chatcmpl-1", @object = "chat.completion.chunk", created = 1_700_000_000, model = "test-model",
            choices = new[] { new { index = 0, delta, finish_reason = finish } },
        };
        await http.Response.WriteAsync("data: " + JsonSerializer.Serialize(chunk) + "\n\n", http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }
}
