using CollectIq.Agent.Conversation;
using CollectIq.Agent.Hosting;
using CollectIq.Agent.Pipeline;
using CollectIq.Agent.Tests.Fakes;
using CollectIq.Agent.Tests.Pipeline;
using CollectIq.Telephony.MediaStreams;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CollectIq.Agent.Tests.Hosting;

public class AgentServiceCollectionExtensionsTests
{
    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddCollectionsAgent(builder.Configuration);
        builder.Services.AddAgentSynthesizer<ToneSynthesizer>();
        builder.Services.AddSingleton<ISpeechListenerFactory, ScriptedSpeechListenerFactory>();
        builder.Services.AddSingleton<IPayerLookup, TestPayers>();
        return builder.Build();
    }

    [Theory]
    [InlineData("Acme", "555-1234", "CallbackNumber")]
    [InlineData("", "+14155552671", "CompanyName")]
    public async Task StartAsync_BadAgentOptions_FailsWithTheField(string company, string callback, string field)
    {
        using var host = Build(new() { ["Agent:CompanyName"] = company, ["Agent:CallbackNumber"] = callback });
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(field, error.Message);
    }

    [Fact]
    public async Task StartAsync_BadDialogThresholds_Fails()
    {
        using var host = Build(new()
        {
            ["Agent:CompanyName"] = "Acme", ["Agent:CallbackNumber"] = "+14155552671",
            ["Agent:Dialog:AcceptConfidence"] = "0.9", ["Agent:Dialog:ImmediateOptOutConfidence"] = "0.5",
        });
        await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
    }

    [Theory]
    [InlineData("Agent:Conversation:FalseInterruptionTimeoutMs", "6000", "FalseInterruptionTimeoutMs")]
    [InlineData("Agent:Conversation:FalseInterruptionMaxSpeechMs", "50", "FalseInterruptionMaxSpeechMs")]
    [InlineData("Agent:Conversation:FalseInterruptionMaxConfidence", "1.5", "FalseInterruptionMaxConfidence")]
    public async Task StartAsync_BadFalseInterruptionOptions_FailsWithTheField(string key, string value, string field)
    {
        using var host = Build(new() { ["Agent:CompanyName"] = "Acme", ["Agent:CallbackNumber"] = "+14155552671", [key] = value });
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(field, error.Message);
    }

    [Fact]
    public async Task StartAsync_Valid_AgentIsTheHandlerFactoryAndFixedSentencesAreWarmed()
    {
        using var host = Build(new() { ["Agent:CompanyName"] = "Acme", ["Agent:CallbackNumber"] = "+14155552671" });
        await host.StartAsync();
        Assert.IsType<CollectionsAgentHandlerFactory>(host.Services.GetRequiredService<IMediaStreamHandlerFactory>());
        ThreadPool.GetMinThreads(out var workers, out _);
        Assert.True(workers >= 64, $"thread-pool minimum {workers}"); // Agent:MinThreadPoolThreads default
        var cache = Assert.IsType<CachingSynthesizer>(host.Services.GetRequiredService<IAgentSynthesizer>());
        await EngineHarnessWait.Until(() => cache.Count >= 20);

        var factory = host.Services.GetRequiredService<CollectionsAgentHandlerFactory>();
        var tone = host.Services.GetRequiredService<ToneSynthesizer>();
        await factory.PrepareGreetingAsync(7, CancellationToken.None);
        Assert.Contains("Am I speaking with Jordan Smith?", tone.Sentences);
        Assert.Contains(tone.Sentences, t => t.StartsWith("Our records show two overdue invoices", StringComparison.Ordinal)); // the balance too
        await host.StopAsync();
    }
}

public class LlmRegistrationTests
{
    [Theory]
    [InlineData("http://127.0.0.1:11434/v1", true)]
    [InlineData("", false)]
    public void AddLlmIntentClassifier_BaseUrl_RegistersClassifierOnlyWhenSet(string baseUrl, bool expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Agent:Llm:BaseUrl"] = baseUrl }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLlmIntentClassifier(configuration);
        using var provider = services.BuildServiceProvider();
        var classifier = provider.GetService<CollectIq.Agent.Understanding.Llm.IIntentClassifier>();
        Assert.Equal(expected, classifier is CollectIq.Agent.Understanding.Llm.ChatIntentClassifier);
    }
}
