using System.ClientModel;
using System.ClientModel.Primitives;
using CollectIq.Speech.SpeechToText;
using OpenAI;
using OpenAI.Audio;

namespace CollectIq.Speech.Cloud;

internal static class OpenAiClientFactory
{
    public static AudioClient Create(OpenAiSpeechOptions options, string model)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = new Uri(options.BaseUrl),
            NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
            // The dialog decides what to do on failure (re-prompt, keypad); retrying here would stall the call.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        };
        return new AudioClient(model, new ApiKeyCredential(options.ApiKey ?? "none"), clientOptions);
    }

    /// <summary>Maps SDK and transport failures to the typed error the dialog handles.</summary>
    public static SpeechEngineException Translate(Exception e, string what) => e switch
    {
        SpeechEngineException s => s,
        ClientResultException { Status: 408 or 504 } c => new(SpeechFailureKind.Timeout, $"{what} timed out (HTTP {c.Status}).", c),
        ClientResultException { Status: 400 or 413 or 415 or 422 } c => new(SpeechFailureKind.Rejected, $"{what} rejected the request (HTTP {c.Status}).", c),
        ClientResultException c => new(SpeechFailureKind.Unavailable, $"{what} failed (HTTP {c.Status}).", c),
        TaskCanceledException or TimeoutException or OperationCanceledException => new(SpeechFailureKind.Timeout, $"{what} timed out.", e),
        HttpRequestException => new(SpeechFailureKind.Unavailable, $"{what} is unreachable.", e),
        InvalidDataException or FormatException or System.Text.Json.JsonException => new(SpeechFailureKind.InvalidResponse, $"{what} returned an unusable response.", e),
        _ => new(SpeechFailureKind.Unavailable, $"{what} failed: {e.Message}", e),
    };
}
