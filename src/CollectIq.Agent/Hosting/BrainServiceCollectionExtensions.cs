using System.ClientModel;
using System.ClientModel.Primitives;
using CollectIq.Agent.Dialog;
using CollectIq.Agent.Dialog.Llm;
using CollectIq.Agent.Understanding;
using CollectIq.Agent.Understanding.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CollectIq.Agent.Hosting;

public static class BrainServiceCollectionExtensions
{
    /// <summary>Key of the brain's <see cref="IChatClient"/> (separate from the intent classifier's: other timeouts, no retries).</summary>
    public const string ChatClientKey = "Agent:Llm:Brain";

    /// <summary>
    /// Registers the <see cref="ICollectionsDialogFactory"/> chosen by <c>Agent:Brain</c>: the deterministic
    /// state machine (default), or with <c>llm</c> the <see cref="LlmDialogFactory"/> over an OpenAI-compatible
    /// chat endpoint (<c>Agent:Llm:BaseUrl/Model/ApiKey</c>, limits in <see cref="LlmDialogOptions"/>); <c>llm</c>
    /// without a BaseUrl fails at start-up. Called by <see cref="AgentServiceCollectionExtensions.AddCollectionsAgent"/>.
    /// </summary>
    public static IServiceCollection AddCollectionsBrain(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BrainOptions>().Bind(configuration.GetSection(BrainOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var brain = configuration.GetSection(BrainOptions.Section).Get<BrainOptions>() ?? new BrainOptions();
        if (!brain.IsLlm)
        {
            services.TryAddSingleton<ICollectionsDialogFactory>(sp => new DeterministicDialogFactory(
                sp.GetRequiredService<IUtteranceUnderstander>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<DialogOptions>>().Value));
            return services;
        }

        services.AddOptions<LlmOptions>().Bind(configuration.GetSection(LlmOptions.Section)).ValidateDataAnnotations()
            .Validate(o => !string.IsNullOrWhiteSpace(o.BaseUrl), "Agent:Brain is 'llm' but Agent:Llm:BaseUrl is not set.")
            .ValidateOnStart();
        services.AddOptions<LlmDialogOptions>().Bind(configuration.GetSection(LlmDialogOptions.Section)).ValidateDataAnnotations()
            .Validate(o => o.FirstTokenTimeoutMs <= o.ReplyTimeoutMs, "Agent:Llm:FirstTokenTimeoutMs must not exceed ReplyTimeoutMs.")
            .ValidateOnStart();
        services.TryAddKeyedSingleton<IChatClient>(ChatClientKey, (sp, _) =>
        {
            var endpoint = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
            var limits = sp.GetRequiredService<IOptions<LlmDialogOptions>>().Value;
            return CreateChatClient(endpoint, limits);
        });
        services.TryAddSingleton<ICollectionsDialogFactory>(sp => new LlmDialogFactory(
            sp.GetRequiredKeyedService<IChatClient>(ChatClientKey),
            sp.GetRequiredService<IOptions<LlmOptions>>().Value.Model,
            sp.GetRequiredService<IUtteranceUnderstander>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<DialogOptions>>().Value,
            sp.GetRequiredService<IOptions<LlmDialogOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>()));
        return services;
    }

    /// <summary>
    /// OpenAI SDK chat client on any OpenAI-compatible endpoint (OpenAI, Gemini's /v1beta/openai/, Ollama, vLLM),
    /// without retries: a failed reply falls back to the state machine at once instead of keeping the payer waiting.
    /// </summary>
    public static IChatClient CreateChatClient(LlmOptions endpoint, LlmDialogOptions limits)
    {
        var client = new OpenAI.Chat.ChatClient(endpoint.Model, new ApiKeyCredential(endpoint.ApiKey), new OpenAI.OpenAIClientOptions
        {
            Endpoint = new Uri(endpoint.BaseUrl!),
            NetworkTimeout = TimeSpan.FromMilliseconds(limits.ReplyTimeoutMs + 5000),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        });
        return client.AsIChatClient();
    }
}
