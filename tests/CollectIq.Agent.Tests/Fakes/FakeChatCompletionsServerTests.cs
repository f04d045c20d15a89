using CollectIq.Agent.Dialog.Llm;
using CollectIq.Agent.Hosting;
using CollectIq.Agent.Understanding.Llm;
using Microsoft.Extensions.AI;

namespace CollectIq.Agent.Tests.Fakes;

/// <summary>The fake speaks the wire format the OpenAI SDK reads: both answer shapes, with tool calls.</summary>
public class FakeChatCompletionsServerTests
{
    private static IChatClient Client(FakeChatCompletionsServer server) => BrainServiceCollectionExtensions.CreateChatClient(
        new LlmOptions { BaseUrl = server.BaseUrl.AbsoluteUri, Model = "test-model", ApiKey = "k" }, new LlmDialogOptions());

    [Fact]
    public async Task NonStreaming_TextAndToolCall_ParsedBySdk()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.OnRequest = async (_, reply) =>
        {
            await reply.TextAsync("One moment.");
            await reply.ToolCallAsync(LlmTools.Callback, """{"when":"2026-11-26T15:00"}""");
        };
        var response = await Client(server).GetResponseAsync("call me tomorrow at three", new ChatOptions { Tools = [.. LlmTools.Declarations] });
        Assert.Equal("One moment.", response.Text);
        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal(LlmTools.Callback, call.Name);
        Assert.Equal("2026-11-26T15:00", call.Arguments!["when"]!.ToString());
        var request = Assert.Single(server.Requests);
        Assert.False(request.Stream);
        Assert.Equal(LlmTools.Declarations.Count, request.ToolNames.Count);
    }

    [Fact]
    public async Task Streaming_ToolCallArgumentsInFragments_AssembledBySdk()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.OnRequest = async (_, reply) =>
        {
            await reply.TextAsync("Sure. ");
            await reply.ToolCallAsync(LlmTools.PromiseToPay, """{"amount":120.5,"date":"2026-12-01"}""", fragments: 5);
        };
        var text = "";
        var calls = new List<FunctionCallContent>();
        await foreach (var update in Client(server).GetStreamingResponseAsync("I'll pay the first invoice on the first"))
        {
            text += update.Text;
            calls.AddRange(update.Contents.OfType<FunctionCallContent>());
        }
        Assert.Equal("Sure. ", text);
        var call = Assert.Single(calls);
        Assert.Equal(LlmTools.PromiseToPay, call.Name);
        Assert.Equal("120.5", call.Arguments!["amount"]!.ToString());
        Assert.True(Assert.Single(server.Requests).Stream);
    }

    [Fact]
    public async Task Failure_BeforeAnyOutput_Answers500()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.OnRequest = (_, _) => throw new InvalidOperationException();
        await Assert.ThrowsAnyAsync<Exception>(() => Client(server).GetResponseAsync("hello"));
        Assert.Single(server.Requests); // no retries: the dialog falls back instead
    }
}
