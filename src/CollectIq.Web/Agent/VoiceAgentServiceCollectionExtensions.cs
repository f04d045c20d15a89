using CollectIq.Agent.Conversation;
using CollectIq.Agent.Hosting;
using CollectIq.Agent.Pipeline;
using CollectIq.Agent.Speech;
using CollectIq.Data.Calls;
using CollectIq.Domain.Calls;
using CollectIq.Speech;
using CollectIq.Telephony.MediaStreams;
using CollectIq.Telephony.Twilio;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CollectIq.Web.Agent;

public static class VoiceAgentServiceCollectionExtensions
{
    /// <summary>
    /// What answers the media stream. By default the collections agent over the embedded speech engines
    /// (section "Speech"): VAD + endpointer + pocketsphinx per call, flite/espeak TTS behind the agent's
    /// sentence cache, payers from <see cref="Data.Payers.PayerBook"/>, opt-outs onto the payer (outcome effects such as
    /// promise rows come from AddCollectIqOutreach). <c>Agent:Mode=echo</c> keeps the echo-and-tone
    /// diagnostics agent instead. Call after AddCollectIqData.
    /// </summary>
    public static IServiceCollection AddCollectIqVoiceAgent(this IServiceCollection services, IConfiguration configuration)
    {
        var mode = configuration.GetSection(VoiceAgentOptions.Section).Get<VoiceAgentOptions>()?.Mode ?? VoiceAgentMode.Collections;
        services.Configure<VoiceAgentOptions>(configuration.GetSection(VoiceAgentOptions.Section));
        if (mode == VoiceAgentMode.Echo)
        {
            services.AddEchoToneMediaStreamHandler(configuration);
            services.AddHostedService<VoiceAgentStartupLog>();
            return services;
        }

        services.AddCollectIqSpeech(configuration);
        services.AddCollectionsAgent(configuration);
        // The number we call from is the natural callback number unless Agent:CallbackNumber says otherwise.
        services.AddOptions<AgentOptions>().Configure<IOptions<TwilioOptions>>((agent, twilio) =>
        {
            if (string.IsNullOrWhiteSpace(agent.CallbackNumber)) agent.CallbackNumber = twilio.Value.PhoneNumber ?? "";
        });
        services.AddAgentSynthesizer<TextToSpeechSynthesizer>();
        services.TryAddSingleton<ISpeechListenerFactory, SpeechListenerFactory>();
        services.TryAddSingleton<IPayerLookup, PayerBookLookup>();
        services.TryAddSingleton<IPayerOptOut, PayerOptOutWriter>();

        // Outcome effects (promise rows, disputes, callbacks…) are applied by AddCollectIqOutreach, whatever records the outcome.

        services.AddHostedService<VoiceAgentStartupLog>();
        return services;
    }
}
