using CollectIq.Agent.Conversation;
using Microsoft.Extensions.Time.Testing;

namespace CollectIq.Agent.Tests.Conversation;

public class PriorityEventQueueTests
{
    [Fact]
    public async Task ReadAsync_UrgentPostedLast_ReadFirst()
    {
        var queue = new PriorityEventQueue(new FakeTimeProvider());
        queue.Post(new FinalTranscript("one", 0.9, []));
        queue.Post(new MarkEchoed("u1.0"));
        queue.Post(new PayerStartedSpeaking(1));
        queue.Post(new DtmfReceived('5'));

        Assert.IsType<PayerStartedSpeaking>(await queue.ReadAsync(CancellationToken.None));
        Assert.IsType<DtmfReceived>(await queue.ReadAsync(CancellationToken.None));
        Assert.IsType<FinalTranscript>(await queue.ReadAsync(CancellationToken.None));
        Assert.IsType<MarkEchoed>(await queue.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_Empty_WaitsForPost()
    {
        var queue = new PriorityEventQueue(TimeProvider.System);
        var read = queue.ReadAsync(CancellationToken.None).AsTask();
        Assert.False(read.IsCompleted);
        queue.Post(new StreamStopped());
        Assert.IsType<StreamStopped>(await read.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task ReadAsync_Completed_ReturnsNullAfterDraining()
    {
        var queue = new PriorityEventQueue(new FakeTimeProvider());
        queue.Post(new MarkEchoed("u1.0"));
        queue.Complete();
        queue.Post(new MarkEchoed("u1.1")); // ignored after completion
        Assert.NotNull(await queue.ReadAsync(CancellationToken.None));
        Assert.Null(await queue.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public void Post_StampsTimeOfPosting()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var queue = new PriorityEventQueue(time);
        var item = new MarkEchoed("u1.0");
        queue.Post(item);
        Assert.Equal(time.GetUtcNow(), item.At);
    }
}
