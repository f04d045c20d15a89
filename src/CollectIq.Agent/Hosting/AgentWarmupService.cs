using System.Reflection;
using CollectIq.Agent.Conversation;
using CollectIq.Agent.Dialog;
using CollectIq.Agent.Pipeline;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CollectIq.Agent.Hosting;

/// <summary>At start-up, synthesizes the fixed sentences (disclosure, ask, reprompts…) into the cache in the background.</summary>
internal sealed class AgentWarmupService(IAgentSynthesizer synthesizer, ILogger<AgentWarmupService> logger) : BackgroundService
{
    public static IEnumerable<string> FixedTexts() => typeof(DialogWording)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .Where(text => !text.Contains('{'));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (synthesizer is not CachingSynthesizer cache) return;
        try
        {
            foreach (var text in FixedTexts()) await cache.WarmAsync(text, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        catch (Exception e) { AgentLog.WarmupFailed(logger, e); }
    }
}
