using CollectIq.Agent.Dialog;
using CollectIq.Agent.Dialog.Llm;
using CollectIq.Agent.Hosting;
using CollectIq.Agent.Pipeline;
using CollectIq.Agent.Tests.Dialog;
using CollectIq.Agent.Tests.Fakes;
using CollectIq.Agent.Tests.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CollectIq.Agent.Tests.Hosting;

public class BrainServiceCollectionExtensionsTests
{
    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        settings["Agent:CompanyName"] = "Acme";
        settings["Agent:CallbackNumber"] = "+14155552671";
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddCollectionsAgent(builder.Configuration);
        builder.Services.AddAgentSynthesizer<ToneSynthesizer>();
        builder.Services.AddSingleton<ISpeechListenerFactory, ScriptedSpeechListenerFactory>();
        builder.Services.AddSingleton<IPayerLookup, TestPayers>();
        return builder.Build();
    }

    private static DialogContext Context => new("Acme", "+14155552671", "Jordan Smith", DialogHarness.TwoInvoices, TimeZoneInfo.Utc);

    [Fact]
    public async Task AddCollectionsAgent_NoBrainSet_Deterministic()
    {
        using var host = Build(new());
        await host.StartAsync();
        var factory = host.Services.GetRequiredService<CollectionsAgentHandlerFactory>().DialogFactory;
        Assert.Equal("deterministic", factory.Name);
        Assert.IsType<CollectionsDialog>(factory.Create(Context, 1));
        await host.StopAsync();
    }

    [Fact]
    public async Task AddCollectionsAgent_BrainLlm_LlmDialogPerCall()
    {
        using var host = Build(new() { ["Agent:Brain"] = "llm", ["Agent:Llm:BaseUrl"] = "http://127.0.0.1:11434/v1", ["Agent:Llm:Model"] = "llama3.1" });
        await host.StartAsync();
        var factory = host.Services.GetRequiredService<CollectionsAgentHandlerFactory>().DialogFactory;
        Assert.Equal("llm (llama3.1)", factory.Name);
        Assert.IsType<LlmCollectionsDialog>(factory.Create(Context, 1));
        await host.StopAsync();
    }

    [Theory]
    [InlineData("llm", null, "BaseUrl")]
    [InlineData("gpt", null, "Agent:Brain")]
    public async Task StartAsync_BadBrainSettings_Fails(string brain, string? baseUrl, string expected)
    {
        using var host = Build(new() { ["Agent:Brain"] = brain, ["Agent:Llm:BaseUrl"] = baseUrl });
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task StartAsync_FirstTokenTimeoutAboveReplyTimeout_Fails()
    {
        using var host = Build(new()
        {
            ["Agent:Brain"] = "llm", ["Agent:Llm:BaseUrl"] = "http://127.0.0.1:11434/v1",
            ["Agent:Llm:FirstTokenTimeoutMs"] = "9000", ["Agent:Llm:ReplyTimeoutMs"] = "3000",
        });
        await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
    }
}
