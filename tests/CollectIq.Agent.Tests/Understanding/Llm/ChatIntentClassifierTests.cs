using CollectIq.Agent.Dialog;
using CollectIq.Agent.Tests.Dialog;
using CollectIq.Agent.Understanding;
using CollectIq.Agent.Understanding.Llm;
using CollectIq.Speech.Recognition;
using Microsoft.Extensions.AI;

namespace CollectIq.Agent.Tests.Understanding.Llm;

/// <summary>The LLM second opinion through the real OpenAI SDK against a local OpenAI-compatible server.</summary>
public class ChatIntentClassifierTests
{
    private static ChatIntentClassifier Classifier(FakeOpenAiServer server, int timeoutMs = 5000)
    {
        var options = new LlmOptions { BaseUrl = server.BaseUrl.AbsoluteUri, Model = "test-model", ApiKey = "k", TimeoutMs = timeoutMs };
        var client = new OpenAI.Chat.ChatClient(options.Model, new System.ClientModel.ApiKeyCredential(options.ApiKey),
            new OpenAI.OpenAIClientOptions { Endpoint = server.BaseUrl });
        return new ChatIntentClassifier(client.AsIChatClient(), options);
    }

    [Fact]
    public async Task ClassifyAsync_ServerAnswersIntent_ReturnsHint()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Answer = _ => Task.FromResult("""{"intent":"promise_to_pay","confidence":0.8}""");
        var hint = await Classifier(server).ClassifyAsync("I reckon I can sort it out by friday", ExpectedAnswer.Intent, CancellationToken.None);
        Assert.Equal(new IntentHint(Intent.PromiseToPay, 0.8), hint);
        Assert.Contains("I reckon I can sort it out by friday", FakeOpenAiServer.UserText(Assert.Single(server.Requests)));
    }

    [Theory]
    [InlineData("""{"intent":"transfer_money_now","confidence":0.99}""")]
    [InlineData("I think they want to pay")]
    [InlineData("""{"confidence":0.9}""")]
    public async Task ClassifyAsync_AnswerOutsideTheList_NoOpinion(string content)
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Answer = _ => Task.FromResult(content);
        Assert.Null(await Classifier(server).ClassifyAsync("whatever", ExpectedAnswer.Intent, CancellationToken.None));
    }

    [Fact]
    public async Task ClassifyAsync_ServerError_NoOpinion()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Answer = _ => throw new InvalidOperationException();
        Assert.Null(await Classifier(server).ClassifyAsync("whatever", ExpectedAnswer.Intent, CancellationToken.None));
    }

    [Fact]
    public async Task ClassifyAsync_ServerTooSlow_NoOpinionAfterTimeout()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var release = new TaskCompletionSource();
        server.Answer = async _ => { await release.Task; return """{"intent":"yes","confidence":1}"""; };
        Assert.Null(await Classifier(server, timeoutMs: 300).ClassifyAsync("yes", ExpectedAnswer.YesNo, CancellationToken.None));
        release.SetResult();
    }

    [Fact]
    public void Dialog_HintOnly_ConfirmsBeforeRecording()
    {
        var h = new DialogHarness();
        h.ConfirmIdentity();
        var response = h.Add(new PayerSaid("I reckon I can sort it out by friday", 0.9, [], new IntentHint(Intent.PromiseToPay, 0.9)));
        Assert.Equal(DialogState.ConfirmPromise, response.State);
        Assert.Contains("on Friday, November twenty-seventh", response.SaidTexts.Single());
        Assert.Empty(h.Outcomes);
    }

    [Fact]
    public void Dialog_HintCannotTurnHoldOnIntoAPromise()
    {
        var h = new DialogHarness();
        h.ConfirmIdentity();
        var response = h.Add(new PayerSaid("hold on a second", 0.95, [], new IntentHint(Intent.PromiseToPay, 1.0)));
        Assert.Equal(DialogWording.Hold, response.SaidTexts.Single());
        var other = h.Add(new PayerSaid("my wife handles the bills", 0.95, [], new IntentHint(Intent.PromiseToPay, 1.0)));
        Assert.Equal(DialogWording.NotUnderstood, other.SaidTexts.First());
        Assert.Empty(h.Outcomes);
    }

    [Fact]
    public void Dialog_HintOnlyOptOut_IsConfirmedNotImmediate()
    {
        var h = new DialogHarness();
        h.ConfirmIdentity();
        var response = h.Add(new PayerSaid("I want nothing more to do with you people", 0.95, [], new IntentHint(Intent.OptOut, 0.95)));
        Assert.Equal(DialogState.ConfirmOptOut, response.State);
        Assert.DoesNotContain(response.Actions, a => a is OptOutAction);
    }

    [Fact]
    public void Dialog_HintDisagreesWithRules_ReasksInsteadOfActing()
    {
        var h = new DialogHarness();
        h.ConfirmIdentity();
        var response = h.Add(new PayerSaid("I already paid that", 0.7, [], new IntentHint(Intent.Dispute, 0.9)));
        Assert.Equal(DialogState.Ask, response.State);
        Assert.Equal(DialogWording.NotUnderstood, response.SaidTexts.First());
    }
}

public class IntentClassifierInEngineTests
{
    private sealed class GatedClassifier : IIntentClassifier
    {
        public TaskCompletionSource<IntentHint?> Answer { get; } = new();
        public int Calls;

        public Task<IntentHint?> ClassifyAsync(string text, ExpectedAnswer expected, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            return Answer.Task.WaitAsync(cancellationToken);
        }
    }

    [Fact]
    public async Task Engine_SlowClassifier_LoopKeepsRunningThenDialogUsesHint()
    {
        var classifier = new GatedClassifier();
        await using var h = new Conversation.EngineHarness(classifier: classifier);
        await h.StartAsync();
        await h.PlayAllAsync();
        await h.PayerSaysAsync("yes speaking");
        await Conversation.EngineHarness.Eventually(() => Volatile.Read(ref classifier.Calls) == 1);
        Assert.Single(h.Engine.Utterances);                        // waiting for the second opinion
        await h.PostAsync(new Agent.Conversation.PayerStartedSpeaking(h.NextSpeechSequence()));
        Assert.True(h.Engine.PayerSpeaking);                       // urgent events still flow

        classifier.Answer.SetResult(null);                          // no opinion: the rules decide
        await Conversation.EngineHarness.Eventually(() => h.Engine.Events.Count > 0);
        await h.SettleAsync();
        Assert.Contains(h.Engine.Utterances, u => u.Text == DialogWording.Disclosure);
    }

    [Fact]
    public void Dialog_HintIgnoredForIdentity()
    {
        var h = new DialogHarness();
        var response = h.Add(new PayerSaid("I reckon I'm the one", 0.95, [], new IntentHint(Intent.RightParty, 1.0)));
        Assert.Equal(DialogState.RightPartyCheck, response.State);
        Assert.DoesNotContain(DialogWording.Disclosure, response.SaidTexts);
    }
}
