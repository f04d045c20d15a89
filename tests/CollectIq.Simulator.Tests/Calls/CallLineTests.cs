using CollectIq.Simulator.Calls;
using Microsoft.Extensions.Time.Testing;

namespace CollectIq.Simulator.Tests.Calls;

public sealed class CallLineTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(20);

    /// <summary>Advances fake time step by step, letting the waiter's timer continuations run, until it completes.</summary>
    private static async Task<TimeSpan> AdvanceUntilDoneAsync(FakeTimeProvider time, Task task, int maxSteps = 500)
    {
        var advanced = TimeSpan.Zero;
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            time.Advance(Step);
            advanced += Step;
            await Task.Delay(2);
        }
        await task.WaitAsync(TimeSpan.FromSeconds(5));
        return advanced;
    }

    private static async Task AdvanceAsync(FakeTimeProvider time, TimeSpan total)
    {
        for (var t = TimeSpan.Zero; t < total; t += Step)
        {
            time.Advance(Step);
            await Task.Delay(2);
        }
    }

    [Fact]
    public async Task WaitForAgentSilence_AgentStillTalking_WaitsUntilQuietLongEnough()
    {
        var time = new FakeTimeProvider();
        var line = new CallLine(time);
        line.ReportAgentAudible(true);

        var wait = line.WaitForAgentSilenceAsync(TimeSpan.FromMilliseconds(500), CancellationToken.None);
        await AdvanceAsync(time, TimeSpan.FromSeconds(1));
        Assert.False(wait.IsCompleted, "the agent is still talking");

        line.ReportAgentAudible(false);
        var quiet = await AdvanceUntilDoneAsync(time, wait);

        Assert.InRange(quiet, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(800));
    }

    [Fact]
    public async Task WaitForAgentSpeech_NobodySpeaks_GivesUpAfterTimeout()
    {
        var time = new FakeTimeProvider();
        var line = new CallLine(time);

        var wait = line.WaitForAgentSpeechAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        var waited = await AdvanceUntilDoneAsync(time, wait);

        Assert.False(await wait);
        Assert.InRange(waited, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(1400));
    }

    [Fact]
    public async Task WaitForAgentSpeech_AgentSpeaks_ReturnsTrue()
    {
        var time = new FakeTimeProvider();
        var line = new CallLine(time);

        var wait = line.WaitForAgentSpeechAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        await AdvanceAsync(time, TimeSpan.FromMilliseconds(200));
        line.ReportAgentAudible(true);
        await AdvanceUntilDoneAsync(time, wait);

        Assert.True(await wait);
        Assert.True(line.AgentHasSpoken);
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

    [Fact]
    public void Digits_Pressed_ReadInOrder()
    {
        var line = new CallLine(new FakeTimeProvider());

        line.PressDigits("1#");

        Assert.True(line.TryPeekDigit());
        Assert.True(line.TryReadDigit(out var first));
        Assert.True(line.TryReadDigit(out var second));
        Assert.False(line.TryReadDigit(out _));
        Assert.Equal(('1', '#'), (first, second));
    }
}
