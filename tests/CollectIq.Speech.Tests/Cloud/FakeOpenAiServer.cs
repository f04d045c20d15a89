using System.Text.Json;
using CollectIq.Speech.Audio;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CollectIq.Speech.Tests.Cloud;

/// <summary>
/// A real Kestrel server on loopback speaking the OpenAI audio wire format: multipart
/// POST /v1/audio/transcriptions and JSON POST /v1/audio/speech. Behaviour is set by callbacks.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    public Func<PcmAudio, string, string> Transcribe { get; set; } = (_, _) => "yes";
    public Func<string, int> StatusCode { get; set; } = _ => 200;
    public TimeSpan Delay { get; set; }
    public List<(string Path, string? Authorization, string? Model)> Requests { get; } = [];

    private FakeOpenAiServer(WebApplication app) => _app = app;

    public string BaseUrl => _app.Urls.First() + "/v1";

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeOpenAiServer(app);
        app.MapPost("/v1/audio/transcriptions", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            server.Requests.Add((request.Path, request.Headers.Authorization, form["model"]));
            await Task.Delay(server.Delay);
            if (server.StatusCode(request.Path) is var code and not 200) return Results.StatusCode(code);
            var file = form.Files["file"] ?? throw new InvalidOperationException("no file part");
            using var ms = new MemoryStream();
            await file.CopyToAsync(ms);
            var text = server.Transcribe(WavFile.Read(ms.ToArray()), form["prompt"].ToString());
            return Results.Json(new { text });
        });
        app.MapPost("/v1/audio/speech", async (HttpRequest request) =>
        {
            var body = await JsonDocument.ParseAsync(request.Body);
            var input = body.RootElement.GetProperty("input").GetString() ?? "";
            server.Requests.Add((request.Path, request.Headers.Authorization, body.RootElement.GetProperty("model").GetString()));
            await Task.Delay(server.Delay);
            if (server.StatusCode(request.Path) is var code and not 200) return Results.StatusCode(code);
            // 60 ms of 440 Hz per character at 24 kHz, like a real TTS server's output rate.
            var samples = new short[input.Length * 24000 * 60 / 1000];
            for (var i = 0; i < samples.Length; i++) samples[i] = (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 24000.0));
            return Results.Bytes(WavFile.ToBytes(new PcmAudio(samples, 24000)), "audio/wav");
        });
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
