using System.Collections.Concurrent;
using CollectIq.Telephony.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CollectIq.Telephony.Tests.Twilio;

/// <summary>
/// A scripted fake of Twilio's REST API on loopback Kestrel: records every request (auth header,
/// path, form fields with repeats) and answers with the next scripted response.
/// </summary>
public sealed class TwilioApiStandIn : IAsyncDisposable
{
    private readonly ConcurrentQueue<ScriptedResponse> _script = new();
    private LoopbackServer _server = null!;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();
    public Uri BaseAddress => _server.BaseAddress;

    /// <summary>Answer used once the script is empty.</summary>
    public ScriptedResponse Fallback { get; set; } = ScriptedResponse.Created("CA00000000000000000000000000000001", "queued");

    public static async Task<TwilioApiStandIn> StartAsync()
    {
        var standIn = new TwilioApiStandIn();
        standIn._server = await LoopbackServer.StartAsync(null, app =>
        {
            app.MapPost("/{**path}", standIn.HandleAsync);
            app.MapGet("/{**path}", standIn.HandleAsync);
        });
        return standIn;
    }

    public void Enqueue(params ScriptedResponse[] responses)
    {
        foreach (var r in responses) _script.Enqueue(r);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync() : FormCollection.Empty;
        var fields = form.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? ""))).ToList();
        Requests.Enqueue(new RecordedRequest(
            context.Request.Path.Value ?? "", context.Request.Headers.Authorization.ToString(),
            context.Request.ContentType ?? "", fields, DateTimeOffset.UtcNow));
        var response = _script.TryDequeue(out var next) ? next : Fallback;
        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers) context.Response.Headers[name] = value;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(response.Body);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}

public sealed record RecordedRequest(string Path, string Authorization, string ContentType, List<KeyValuePair<string, string>> Form, DateTimeOffset At)
{
    public IReadOnlyList<string> Values(string name) => Form.Where(f => f.Key == name).Select(f => f.Value).ToList();
}

public sealed record ScriptedResponse(int Status, string Body, IReadOnlyList<(string Name, string Value)> Headers)
{
    public static ScriptedResponse Created(string sid, string status) =>
        new(201, $$"""{"sid":"{{sid}}","status":"{{status}}","to":"+14155550123","from":"+15005550006"}""", []);

    public static ScriptedResponse Error(int status, int code, string message, params (string, string)[] headers) =>
        new(status, $$"""{"code":{{code}},"message":"{{message}}","more_info":"https://www.twilio.com/docs/errors/{{code}}","status":{{status}}}""", headers);
}
