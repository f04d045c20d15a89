using CollectIq.Agent.Dialog.Llm;
using CollectIq.Agent.Tests.Fakes;
using CollectIq.Domain.Calls;
using CollectIq.Domain.Phones;

namespace CollectIq.Agent.Tests.Pipeline;

/// <summary>The LLM brain (Agent:Brain = llm) behind the real media-stream session, against a local fake chat-completions server.</summary>
public class LlmBrainStreamTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Stream_LlmBrain_StreamedReplyThenToolCallConfirmedAndRecorded()
    {
        await using var llm = await FakeChatCompletionsServer.StartAsync();
        await using var host = await AgentStreamHost.StartAsync(new Dictionary<string, string?>
        {
            ["Agent:Brain"] = "llm",
            ["Agent:Llm:BaseUrl"] = llm.BaseUrl.AbsoluteUri,
            ["Agent:Llm:Model"] = "test-model",
            ["Agent:Llm:ApiKey"] = "k",
        });
        var payer = await host.Payers.FindAsync(7, CancellationToken.None);
        var zone = PayerTimeZones.Primary(payer!);
        var promised = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime).AddDays(3);
        llm.OnRequest = async (request, reply) =>
        {
            await reply.TextAsync("Thanks, that helps a lot. ");
            await reply.ToolCallAsync(LlmTools.PromiseToPay, $$"""{"amount":100,"date":"{{promised:yyyy-MM-dd}}"}""");
        };

        await using var client = await host.ConnectAsync(callId: 21, payerId: 7);
        await client.WaitForMarkAsync("u1.1", Long);
        var listener = await host.ListenerAsync();
        listener.Say("yes this is she");
        await client.WaitForMarkAsync("u4.0", Long);                    // disclosure, balance and ask sent (fixed wording)
        Assert.Empty(llm.Requests);

        listener.Say("I can do a hundred dollars in a few days");
        await client.WaitForMarkAsync("u5.0", Long);                    // the streamed LLM sentence went out as audio + mark
        await EngineHarnessWait.Until(() => host.Recorder.Turns.Any(t => t.Text.StartsWith("So that's one hundred dollars on")));
        Assert.Empty(host.Recorder.Outcomes);                           // read back, not recorded
        Assert.Contains(host.Recorder.Turns, t => t.Speaker == Speaker.Agent && t.Text == "Thanks, that helps a lot.");

        listener.Say("yes");
        await client.WaitForCloseAsync(Long);
        await EngineHarnessWait.Until(() => host.Recorder.Outcomes.Count == 1);
        var (outcome, json) = host.Recorder.Outcomes[0];
        Assert.Equal(CallOutcome.PartialPayment, outcome);
        var detail = CollectIq.Domain.Calls.OutcomeDetail.FromJson(json)!;
        Assert.Equal(100m, detail.Amount);
        Assert.Equal(promised, detail.Date);
        Assert.Single(llm.Requests);
    }

    [Fact]
    public async Task Stream_LlmBrainProviderDown_DeterministicDialogCarriesTheCall()
    {
        await using var llm = await FakeChatCompletionsServer.StartAsync();
        llm.OnRequest = (_, _) => throw new InvalidOperationException("provider down");
        await using var host = await AgentStreamHost.StartAsync(new Dictionary<string, string?>
        {
            ["Agent:Brain"] = "llm",
            ["Agent:Llm:BaseUrl"] = llm.BaseUrl.AbsoluteUri,
        });
        await using var client = await host.ConnectAsync(callId: 22, payerId: 7);
        await client.WaitForMarkAsync("u1.1", Long);
        var listener = await host.ListenerAsync();
        listener.Say("yes this is she");
        await client.WaitForMarkAsync("u4.0", Long);
        listener.Say("can you send me a payment link");
        await EngineHarnessWait.Until(() => host.Recorder.Turns.Any(t => t.Text == CollectIq.Agent.Dialog.DialogWording.ConfirmPaymentLink));
        listener.Say("yes please");
        await client.WaitForCloseAsync(Long);
        await EngineHarnessWait.Until(() => host.Recorder.Outcomes.Count == 1);
        Assert.Equal(CallOutcome.PaymentLink, host.Recorder.Outcomes[0].Outcome);
        Assert.Single(llm.Requests);
    }
}
