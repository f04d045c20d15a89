using CollectIq.Agent.Conversation;
using CollectIq.Agent.Dialog;
using CollectIq.Agent.Pipeline;
using CollectIq.Agent.Understanding;
using CollectIq.Agent.Understanding.Llm;
using CollectIq.Telephony.MediaStreams;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CollectIq.Agent.Hosting;

public static class AgentServiceCollectionExtensions
{
    /// <summary>
    /// The collections voice agent as the <see cref="IMediaStreamHandlerFactory"/>. Options: sections
    /// "Agent", "Agent:Dialog", "Agent:Conversation" (validated at start-up). The host must also
    /// register <see cref="IPayerLookup"/>, <see cref="ISpeechListenerFactory"/> and a synthesizer
    /// (<see cref="AddAgentSynthesizer{T}"/>); <see cref="IPayerOptOut"/> and <see cref="ITurnMetricsSink"/> are optional.
    /// </summary>
    public static IServiceCollection AddCollectionsAgent(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AgentOptions>().Bind(configuration.GetSection(AgentOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DialogOptions>().Bind(configuration.GetSection(DialogOptions.Section)).ValidateDataAnnotations()
            .Validate(o => o.AcceptConfidence <= o.ImmediateOptOutConfidence, "Agent:Dialog:ImmediateOptOutConfidence must not be below AcceptConfidence.")
            .Validate(o => o.CallWindowStartHour < o.CallWindowEndHour, "Agent:Dialog:CallWindowStartHour must be before CallWindowEndHour.")
            .ValidateOnStart();
        services.AddOptions<ConversationOptions>().Bind(configuration.GetSection(ConversationOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IUtteranceUnderstander, RuleUnderstander>();
        services.AddCollectionsBrain(configuration); // Agent:Brain: deterministic (default) or llm
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<CollectionsAgentHandlerFactory>(sp));
        services.Replace(ServiceDescriptor.Singleton<IMediaStreamHandlerFactory>(sp => sp.GetRequiredService<CollectionsAgentHandlerFactory>()));
        services.AddHostedService<AgentWarmupService>();
        return services;
    }

    /// <summary>
    /// Adds the LLM second opinion on intents when "Agent:Llm:BaseUrl" is set (any OpenAI-compatible
    /// endpoint): an <see cref="Microsoft.Extensions.AI.IChatClient"/> over the OpenAI SDK and a
    /// <see cref="IIntentClassifier"/>. The dialog, its wording and its confirmations stay deterministic.
    /// </summary>
    public static IServiceCollection AddLlmIntentClassifier(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(LlmOptions.Section);
        services.AddOptions<LlmOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        var options = section.Get<LlmOptions>();
        if (string.IsNullOrWhiteSpace(options?.BaseUrl)) return services;
        services.TryAddKeyedSingleton<Microsoft.Extensions.AI.IChatClient>(LlmOptions.Section, (sp, _) =>
        {
            var o = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<LlmOptions>>().Value;
            var client = new OpenAI.Chat.ChatClient(o.Model, new System.ClientModel.ApiKeyCredential(o.ApiKey),
                new OpenAI.OpenAIClientOptions { Endpoint = new Uri(o.BaseUrl!), NetworkTimeout = TimeSpan.FromMilliseconds(o.TimeoutMs * 2) });
            return Microsoft.Extensions.AI.OpenAIClientExtensions.AsIChatClient(client);
        });
        services.TryAddSingleton<IIntentClassifier>(sp => new ChatIntentClassifier(
            sp.GetRequiredKeyedService<Microsoft.Extensions.AI.IChatClient>(LlmOptions.Section),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<LlmOptions>>().Value,
            sp.GetService<Microsoft.Extensions.Logging.ILogger<ChatIntentClassifier>>()));
        return services;
    }

    /// <summary>Registers <typeparamref name="T"/> (an adapter over a TTS engine) behind the sentence cache.</summary>
    public static IServiceCollection AddAgentSynthesizer<T>(this IServiceCollection services) where T : class, IAgentSynthesizer
    {
        services.TryAddSingleton<T>();
        services.Replace(ServiceDescriptor.Singleton<IAgentSynthesizer>(sp => new CachingSynthesizer(sp.GetRequiredService<T>())));
        return services;
    }
}
