using CollectIq.Simulator.Calls;
using Microsoft.Extensions.Time.Testing;

namespace CollectIq.Simulator.Tests.Calls;

public sealed class CallLineTests
{
    [Fact]
    public async Task WaitForAgentSilence_AgentStillTalking_WaitsUntilQuietLongEnough()
    {
        var time = new FakeTimeProvider();
        var line = new CallLine(time);
        line.ReportAgentAudible(true);

        var wait = line.WaitForAgentSilenceAsync(TimeSpan.FromMilliseconds(500), CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(wait.IsCompleted);

        line.ReportAgentAudible(false);
        for (var i = 0; i < 20; i++) time.Advance(TimeSpan.FromMilliseconds(20)); // 400 ms of quiet
        Assert.False(wait.IsCompleted);
        for (var i = 0; i < 10; i++) time.Advance(TimeSpan.FromMilliseconds(20));
        await wait.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task WaitForAgentSpeech_NobodySpeaks_GivesUpAfterTimeout()
    {
        var time = new FakeTimeProvider();
        var line = new CallLine(time);

        var wait = line.WaitForAgentSpeechAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        for (var i = 0; i < 60; i++) time.Advance(TimeSpan.FromMilliseconds(20));

        Assert.False(await wait.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task SpeakAsync_WithStream_CompletesWhenFramesRead()
    {
        var line = new CallLine(new FakeTimeProvider());
        line.AttachSink();
        var speaking = line.SpeakAsync(new byte[200], CancellationToken.None);
        var frame = new byte[160];

        line.ReadFrame(frame);
        Assert.False(speaking.IsCompleted);
        Assert.All(frame, b => Assert.Equal(0, b));
        line.ReadFrame(frame);
        await speaking.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.All(frame[..40], b => Assert.Equal(0, b));
        Assert.All(frame[40..], b => Assert.Equal(0xFF, b));
    }

    [Fact]
    public async Task DetachSink_PendingSpeech_ReleasesSpeaker()
    {
        var line = new CallLine(new FakeTimeProvider());
        line.AttachSink();
        var speaking = line.SpeakAsync(new byte[8000], CancellationToken.None);

        line.DetachSink();

        await speaking.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
