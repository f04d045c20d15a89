using CollectIq.Agent.Conversation;
using CollectIq.Agent.Dialog;
using CollectIq.Agent.Pipeline;
using CollectIq.Agent.Understanding;
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
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<CollectionsAgentHandlerFactory>(sp));
        services.Replace(ServiceDescriptor.Singleton<IMediaStreamHandlerFactory>(sp => sp.GetRequiredService<CollectionsAgentHandlerFactory>()));
        services.AddHostedService<AgentWarmupService>();
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
