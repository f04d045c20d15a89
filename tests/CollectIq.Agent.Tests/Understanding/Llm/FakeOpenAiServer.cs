using System.Text.Json;
using CollectIq.Telephony.Tests.Infrastructure;
using CollectIq.Telephony.Tests.MediaStreams;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CollectIq.Agent.Tests.Understanding.Llm;

/// <summary>A local OpenAI-compatible chat-completions endpoint on Kestrel; the test decides each answer.</summary>
internal sealed class FakeOpenAiServer : IAsyncDisposable
{
    private FakeOpenAiServer(LoopbackServer server) => Server = server;

    public LoopbackServer Server { get; }
    public Uri BaseUrl => new(Server.BaseAddress, "v1/");
    public List<string> Requests { get; } = [];

    /// <summary>Returns the assistant's message content, or throws to answer 500.</summary>
    public Func<string, Task<string>> Answer { get; set; } = _ => Task.FromResult("""{"intent":"unknown","confidence":0.5}""");

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        FakeOpenAiServer? self = null;
        var server = await LoopbackServer.StartAsync(null, app => app.MapPost("/v1/chat/completions", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            lock (self!.Requests) self.Requests.Add(body);
            string content;
            try { content = await self.Answer(body); }
            catch (Exception) { return Results.Problem("boom", statusCode: 500); }
            return Results.Json(new
            {
                id = "chatcmpl-1", @object = "chat.completion", created = 1_700_000_000, model = "test-model",
                choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 10, completion_tokens = 5, total_tokens = 15 },
            });
        }));
        self = new FakeOpenAiServer(server);
        return self;
    }

    public static string UserText(string requestBody)
    {
        using var doc = JsonDocument.Parse(requestBody);
        return doc.RootElement.GetProperty("messages").EnumerateArray().Last().GetProperty("content").GetString()!;
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
