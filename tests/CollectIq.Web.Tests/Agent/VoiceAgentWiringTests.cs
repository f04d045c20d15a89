using System.Net;
using CollectIq.Agent.Conversation;
using CollectIq.Agent.Hosting;
using CollectIq.Agent.Pipeline;
using CollectIq.Agent.Speech;
using CollectIq.Telephony.MediaStreams;
using CollectIq.Telephony.MediaStreams.Echo;
using CollectIq.Web.Agent;
using CollectIq.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CollectIq.Web.Tests.Agent;

public sealed class VoiceAgentWiringTests
{
    [Fact]
    public async Task Start_Default_CollectionsAgentWithSpeechAdaptersAnswersTheStream()
    {
        await using var app = await TestApp.StartAsync();

        Assert.IsType<CollectionsAgentHandlerFactory>(app.Services.GetRequiredService<IMediaStreamHandlerFactory>());
        Assert.IsType<SpeechListenerFactory>(app.Services.GetRequiredService<ISpeechListenerFactory>());
        Assert.IsType<CachingSynthesizer>(app.Services.GetRequiredService<IAgentSynthesizer>());
        Assert.IsType<PayerBookLookup>(app.Services.GetRequiredService<IPayerLookup>());
    }

    [Fact]
    public async Task Start_ModeEcho_EchoToneAgentForDiagnostics()
    {
        await using var app = await TestApp.StartAsync(overrides: new Dictionary<string, string?> { ["Agent:Mode"] = "echo" });

        Assert.IsType<EchoToneHandlerFactory>(app.Services.GetRequiredService<IMediaStreamHandlerFactory>());
        Assert.Null(app.Services.GetService<ISpeechListenerFactory>());
    }

    [Fact]
    public async Task Start_BrainLlm_CallsGetTheLlmDialogOverTheConfiguredEndpoint()
    {
        await using var app = await TestApp.StartAsync(overrides: new Dictionary<string, string?>
        {
            ["Agent:Brain"] = "llm", ["Agent:Llm:BaseUrl"] = "http://127.0.0.1:11434/v1", ["Agent:Llm:Model"] = "llama3.1",
        });

        var factory = app.Services.GetRequiredService<CollectionsAgentHandlerFactory>().DialogFactory;
        Assert.IsType<CollectIq.Agent.Dialog.Llm.LlmDialogFactory>(factory);
        Assert.Equal("llm (llama3.1)", factory.Name);
    }

    [Fact]
    public async Task PayerBookLookup_KnownPayer_ReturnsPayerWithInvoices()
    {
        await using var app = await TestApp.StartAsync();
        var payerId = await app.AddPayerAsync("Lookup Co", 90, open: 77m);

        var payer = await app.Services.GetRequiredService<IPayerLookup>().FindAsync(payerId, CancellationToken.None);

        Assert.Equal("Lookup Co", payer!.Name);
        Assert.Equal(77m, Assert.Single(payer.Invoices).OpenAmount);
        Assert.Null(await app.Services.GetRequiredService<IPayerLookup>().FindAsync(payerId + 100, CancellationToken.None));
    }

    [Fact]
    public async Task Metrics_WithApiKey_ExportsAgentAndMediaStreamMetersInPrometheusFormat()
    {
        await using var app = await TestApp.StartAsync();
        AgentMetrics.VoiceToVoice.Record(321);
        AgentMetrics.BargeIns.Add(1);

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous.GetAsync("/metrics")).StatusCode);
        var text = await app.Client.GetStringAsync("/metrics");

        Assert.Contains("collectiq_agent_voice_to_voice", text, StringComparison.Ordinal);
        Assert.Contains("collectiq_agent_barge_ins", text, StringComparison.Ordinal);
    }
}
