using CollectIq.Speech.Cloud;
using CollectIq.Speech.SpeechToText;
using CollectIq.Speech.SpeechToText.PocketSphinx;
using CollectIq.Speech.TextToSpeech;
using CollectIq.Speech.Vad;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CollectIq.Speech;

public static partial class SpeechServiceCollectionExtensions
{
    /// <summary>
    /// Registers the speech layer from the "Speech" configuration section: <see cref="ISpeechToText"/>,
    /// <see cref="ITextToSpeech"/> (with a phrase cache), <see cref="IVoiceActivityDetectorFactory"/> and
    /// <see cref="EndpointerOptions"/>, all singletons; options validated at start-up.
    /// </summary>
    public static IServiceCollection AddCollectIqSpeech(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SpeechOptions>().Bind(configuration.GetSection(SpeechOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SpeechOptions>, SpeechOptionsValidator>());
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<SpeechOptions>>().Value.ToEndpointerOptions());
        services.TryAddSingleton<ISpeechToText>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<SpeechOptions>>().Value;
            ISpeechToText stt = o.Stt == SttEngine.OpenAi
                ? new OpenAiSpeechToText(o.OpenAi)
                : new PocketSphinxSpeechToText(o.ToPocketSphinxOptions());
            Log.EngineActive(Logger(sp), "speech-to-text", stt.Capabilities.Engine);
            if (stt is PocketSphinxSpeechToText ps) Log.AcousticModel(Logger(sp), ps.AcousticModel);
            return stt;
        });
        services.TryAddSingleton<ITextToSpeech>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<SpeechOptions>>().Value;
            ITextToSpeech tts = o.Tts switch
            {
                TtsEngine.OpenAi => new OpenAiTextToSpeech(o.OpenAi),
                TtsEngine.Espeak => new EspeakTextToSpeech(o.EspeakVoice, (int)(175 * o.SpeakingRate)),
                _ => new FliteTextToSpeech(o.FliteVoice, o.SpeakingRate),
            };
            Log.EngineActive(Logger(sp), "text-to-speech", $"{tts.Capabilities.Engine}");
            return new CachingTextToSpeech(tts);
        });
        services.TryAddSingleton<IVoiceActivityDetectorFactory>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<SpeechOptions>>().Value;
            var logger = Logger(sp);
            IVoiceActivityDetectorFactory factory;
            try
            {
                factory = o.Vad switch
                {
                    VadKind.Silero => new SileroVadFactory(SpeechPaths.SileroModel(o.ModelsDirectory)),
                    VadKind.WebRtc => new WebRtcVadFactory(),
                    _ => new EnergyVadFactory(),
                };
            }
            catch (Exception e) when (e is FileNotFoundException or DllNotFoundException or InvalidOperationException)
            {
                // A missing model must not take calls down: fall back to WebRTC, then energy.
                Log.VadFallback(logger, o.Vad.ToString(), e.Message);
                try { using var probe = new WebRtcVad(); factory = new WebRtcVadFactory(); }
                catch (DllNotFoundException) { factory = new EnergyVadFactory(); }
            }
            Log.EngineActive(logger, "voice activity detection", factory.Name);
            return factory;
        });
        return services;
    }

    private static ILogger Logger(IServiceProvider sp) =>
        sp.GetService<ILoggerFactory>()?.CreateLogger("CollectIq.Speech") ?? NullLogger.Instance;

    private static partial class Log
    {
        [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Speech {Capability} engine active: {Engine}")]
        public static partial void EngineActive(ILogger logger, string capability, string engine);

        [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "pocketsphinx acoustic model: {Model}")]
        public static partial void AcousticModel(ILogger logger, string model);

        [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "VAD {Requested} unavailable ({Reason}); falling back")]
        public static partial void VadFallback(ILogger logger, string requested, string reason);
    }
}
