using System.Reflection;
using CollectIq.Agent.Conversation;
using CollectIq.Agent.Dialog;
using CollectIq.Agent.Pipeline;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CollectIq.Agent.Hosting;

/// <summary>
/// At start-up: raises the thread-pool minimum (<see cref="AgentOptions.MinThreadPoolThreads"/>) and synthesizes the
/// fixed sentences (disclosure, ask, reprompts…) into the cache and fills the recognizer's decoder pool
/// (<see cref="AgentOptions.PrewarmDecoders"/>) in the background.
/// </summary>
internal sealed class AgentWarmupService(
    IAgentSynthesizer synthesizer, ISpeechListenerFactory listeners, Microsoft.Extensions.Options.IOptions<AgentOptions> options, ILogger<AgentWarmupService> logger) : BackgroundService
{
    public static IEnumerable<string> FixedTexts() => typeof(DialogWording)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .Where(text => !text.Contains('{'));

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var minimum = options.Value.MinThreadPoolThreads;
        ThreadPool.GetMinThreads(out var workers, out var io);
        if (minimum > workers && ThreadPool.SetMinThreads(minimum, Math.Max(io, minimum))) AgentLog.ThreadPoolRaised(logger, workers, minimum);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (synthesizer is CachingSynthesizer cache)
                foreach (var text in FixedTexts()) await cache.WarmAsync(text, stoppingToken).ConfigureAwait(false);
            if (listeners is Speech.SpeechListenerFactory speech && options.Value.PrewarmDecoders > 0)
                await speech.WarmUpAsync(options.Value.PrewarmDecoders, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        catch (Exception e) { AgentLog.WarmupFailed(logger, e); }
    }
}
