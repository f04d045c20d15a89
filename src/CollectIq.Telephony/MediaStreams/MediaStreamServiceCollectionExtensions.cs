using CollectIq.Telephony.MediaStreams.Authentication;
using CollectIq.Telephony.MediaStreams.Echo;
using CollectIq.Telephony.Twilio;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CollectIq.Telephony.MediaStreams;

public static class MediaStreamServiceCollectionExtensions
{
    /// <summary>
    /// Registers what <see cref="MediaStreamEndpointRouteBuilderExtensions.MapTwilioMediaStream"/> needs from
    /// Telephony: <see cref="MediaStreamOptions"/> (section <c>MediaStreams</c>, validated at start-up),
    /// <see cref="TwilioOptions"/>, the Twilio-signature <see cref="IMediaStreamAuthenticator"/>, the
    /// <see cref="MediaStreamSessionRegistry"/> and a <see cref="TimeProvider"/>.
    /// The host provides IMediaStreamCallResolver, IMediaStreamHandlerFactory and ICallRecorder.
    /// </summary>
    public static IServiceCollection AddTwilioMediaStreams(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddTwilioOptions(configuration);
        services.AddOptions<MediaStreamOptions>()
            .Bind(configuration.GetSection(MediaStreamOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MediaStreamSessionRegistry>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMediaStreamAuthenticator, TwilioSignatureAuthenticator>());
        return services;
    }

    /// <summary>Uses the echo-and-tone test agent as the <see cref="IMediaStreamHandlerFactory"/> (section <c>MediaStreams:Echo</c>).</summary>
    public static IServiceCollection AddEchoToneMediaStreamHandler(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var options = services.AddOptions<EchoToneOptions>();
        if (configuration is not null) options.Bind(configuration.GetSection(EchoToneOptions.SectionName));
        options.ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<EchoToneHandlerFactory>();
        services.AddSingleton<IMediaStreamHandlerFactory>(sp => sp.GetRequiredService<EchoToneHandlerFactory>());
        return services;
    }
}
