using CollectIq.Speech.SpeechToText;
using CollectIq.Speech.TextToSpeech;
using CollectIq.Speech.Vad;
using Microsoft.Extensions.Options;

namespace CollectIq.Web.Agent;

/// <summary>
/// Says at start-up which agent and which VAD / STT / TTS engines answer calls. Resolving the engines here
/// also loads the recognizer and the VAD model before the first call, so a broken install fails at start-up
/// and the first payer does not wait for a model load.
/// </summary>
internal sealed partial class VoiceAgentStartupLog(IServiceProvider services, IOptions<VoiceAgentOptions> options, ILogger<VoiceAgentStartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Mode == VoiceAgentMode.Echo)
        {
            LogEcho(logger);
            return Task.CompletedTask;
        }
        var vad = services.GetRequiredService<IVoiceActivityDetectorFactory>().Name;
        var stt = services.GetRequiredService<ISpeechToText>().Capabilities.Engine;
        var tts = services.GetRequiredService<ITextToSpeech>().Capabilities.Engine;
        var brain = services.GetRequiredService<CollectIq.Agent.Pipeline.CollectionsAgentHandlerFactory>().DialogFactory.Name;
        LogEngines(logger, brain, vad, stt, tts);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 5300, Level = LogLevel.Information, Message = "Voice agent: collections dialog, brain {Brain} (Agent:Brain); VAD {Vad}, speech-to-text {Stt}, text-to-speech {Tts}")]
    private static partial void LogEngines(ILogger logger, string brain, string vad, string stt, string tts);

    [LoggerMessage(EventId = 5304, Level = LogLevel.Warning, Message = "Voice agent: echo-and-tone diagnostics (Agent:Mode=echo); no collections dialog")]
    private static partial void LogEcho(ILogger logger);
}
