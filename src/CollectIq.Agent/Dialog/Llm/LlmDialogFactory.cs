using CollectIq.Agent.Understanding;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace CollectIq.Agent.Dialog.Llm;

/// <summary>The LLM brain (<c>Agent:Brain = llm</c>): one <see cref="LlmCollectionsDialog"/> per call over a shared <see cref="IChatClient"/>.</summary>
public sealed class LlmDialogFactory(
    IChatClient chat,
    string model,
    IUtteranceUnderstander understander,
    TimeProvider time,
    DialogOptions dialogOptions,
    LlmDialogOptions options,
    ILoggerFactory loggers) : ICollectionsDialogFactory
{
    private readonly ILogger _logger = loggers.CreateLogger("CollectIq.Agent.Llm");

    public string Name => $"llm ({model})";

    public ICollectionsDialog Create(DialogContext context, int callId) =>
        new LlmCollectionsDialog(context, chat, model, understander, time, dialogOptions, options, callId, _logger);
}
