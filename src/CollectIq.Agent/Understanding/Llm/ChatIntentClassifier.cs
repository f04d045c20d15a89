using System.Text.Json;
using CollectIq.Speech.Recognition;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CollectIq.Agent.Understanding.Llm;

/// <summary>
/// <see cref="IIntentClassifier"/> over any <see cref="IChatClient"/> (OpenAI, Gemini's
/// OpenAI-compatible endpoint, Ollama, vLLM): asks for one JSON object naming an intent from the
/// fixed list. Errors, timeouts and answers outside the list are "no opinion" (null).
/// </summary>
public sealed partial class ChatIntentClassifier(IChatClient chat, LlmOptions options, ILogger<ChatIntentClassifier>? logger = null) : IIntentClassifier
{
    private static readonly Dictionary<string, Intent> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["promise_to_pay"] = Intent.PromiseToPay, ["already_paid"] = Intent.AlreadyPaid, ["dispute"] = Intent.Dispute,
        ["callback"] = Intent.Callback, ["payment_link"] = Intent.PaymentLink, ["opt_out"] = Intent.OptOut,
        ["dont_know"] = Intent.DontKnow, ["yes"] = Intent.Yes, ["no"] = Intent.No, ["right_party"] = Intent.RightParty,
        ["wrong_party"] = Intent.WrongParty, ["who_is_calling"] = Intent.WhoIsCalling, ["repeat"] = Intent.Repeat,
        ["unknown"] = Intent.Unknown,
    };

    private const string SystemPrompt =
        "You classify one sentence a person said on a phone call with a debt-collection assistant. " +
        "Answer with one JSON object only: {\"intent\": \"<name>\", \"confidence\": <0..1>}. Names: " +
        "promise_to_pay (will pay, maybe with amount/date), already_paid, dispute (does not owe / wrong / never received), " +
        "callback (call later), payment_link (wants a link to pay), opt_out (stop calling), dont_know (unsure or cannot pay), " +
        "yes, no, right_party (confirms being the person asked for), wrong_party (is not that person / wrong number), " +
        "who_is_calling, repeat, unknown (anything else, including 'hold on', 'my wife handles the bills'). " +
        "If unsure, answer unknown. The text comes from speech recognition and may contain errors.";

    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;

    public async Task<IntentHint?> ClassifyAsync(string text, ExpectedAnswer expected, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.TimeoutMs);
        try
        {
            var response = await chat.GetResponseAsync(
                [
                    new ChatMessage(ChatRole.System, SystemPrompt),
                    new ChatMessage(ChatRole.User, $"The assistant expected: {expected}. The person said: \"{text}\""),
                ],
                new ChatOptions { ModelId = options.Model, Temperature = 0, MaxOutputTokens = 40, ResponseFormat = ChatResponseFormat.Json },
                timeout.Token).ConfigureAwait(false);
            return Parse(response.Text);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogTimeout(_logger, options.TimeoutMs);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(_logger, e);
            return null;
        }
    }

    internal static IntentHint? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            using var doc = JsonDocument.Parse(json.Trim().Trim('`').Replace("json\n", ""));
            var root = doc.RootElement;
            if (!root.TryGetProperty("intent", out var name) || name.ValueKind != JsonValueKind.String) return null;
            if (!Names.TryGetValue(name.GetString()!, out var intent)) return null;
            var confidence = root.TryGetProperty("confidence", out var c) && c.ValueKind == JsonValueKind.Number ? Math.Clamp(c.GetDouble(), 0, 1) : 0.5;
            return new IntentHint(intent, confidence);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(EventId = 4300, Level = LogLevel.Warning, Message = "Intent classifier gave no answer within {TimeoutMs} ms; rules decide")]
    private static partial void LogTimeout(ILogger logger, int timeoutMs);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Warning, Message = "Intent classifier failed; rules decide")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
