using CollectIq.Simulator.MediaStreams;

namespace CollectIq.Simulator.Tests.MediaStreams;

public sealed class PlayoutBufferTests
{
    [Fact]
    public void PlayFrame_MarkAfterAudio_ReachedOnlyWhenAudioPlayed()
    {
        var buffer = new PlayoutBuffer();
        buffer.EnqueueAudio(Enumerable.Repeat((byte)1, 400).ToArray());
        buffer.EnqueueMark("m");
        var frame = new byte[160];
        var marks = new List<string>();

        Assert.Equal(160, buffer.PlayFrame(frame, marks));
        Assert.Empty(marks);
        Assert.Equal(160, buffer.PlayFrame(frame, marks));
        Assert.Empty(marks);
        Assert.Equal(80, buffer.PlayFrame(frame, marks));
        Assert.Equal(["m"], marks);
        Assert.All(frame[80..], b => Assert.Equal(0xFF, b));
        Assert.Equal(0, buffer.BufferedBytes);
    }

    [Fact]
    public void PlayFrame_MarkWithNoAudioBefore_ReachedAtOnce()
    {
        var buffer = new PlayoutBuffer();
        buffer.EnqueueMark("first");
        var marks = new List<string>();

        Assert.Equal(0, buffer.PlayFrame(new byte[160], marks));
        Assert.Equal(["first"], marks);
    }

    [Fact]
    public void Clear_DropsAudioAndReturnsPendingMarksInOrder()
    {
        var buffer = new PlayoutBuffer();
        buffer.EnqueueAudio(new byte[800]);
        buffer.EnqueueMark("a");
        buffer.EnqueueAudio(new byte[800]);
        buffer.EnqueueMark("b");

        var cleared = buffer.Clear();

        Assert.Equal(["a", "b"], cleared);
        Assert.Equal(0, buffer.BufferedBytes);
        Assert.Equal(0, buffer.PlayFrame(new byte[160], []));
    }

    [Fact]
    public void PlayFrame_AudioAcrossMessages_PlaysInOrder()
    {
        var buffer = new PlayoutBuffer();
        buffer.EnqueueAudio([1, 2, 3]);
        buffer.EnqueueAudio([4, 5]);
        var frame = new byte[4];

        buffer.PlayFrame(frame, []);

        Assert.Equal([1, 2, 3, 4], frame);
        Assert.Equal(1, buffer.BufferedBytes);
    }
}
