using CollectIq.Speech.Vad;

namespace CollectIq.Speech.Tests.Vad;

public class EndpointerTests
{
    /// <summary>Test double: the probability for each frame comes from a settable callback.</summary>
    private sealed class ScriptedVad(Func<int, float> probabilityAtFrame) : IVoiceActivityDetector
    {
        private int _frame;
        public string Name => "scripted";
        public float Process(ReadOnlySpan<short> frame) => probabilityAtFrame(_frame++);
        public void Reset() => _frame = 0;
        public void Dispose() { }
    }

    private static List<(EndpointEvent Event, int Frame)> Run(Endpointer endpointer, int frames, Action<int>? beforeFrame = null)
    {
        var events = new List<(EndpointEvent, int)>();
        var frame = new short[160];
        for (var i = 0; i < frames; i++)
        {
            beforeFrame?.Invoke(i);
            var e = endpointer.Process(frame);
            if (e != EndpointEvent.None) events.Add((e, i));
        }
        return events;
    }

    [Fact]
    public void Process_ShortCough_DoesNotStartSpeech()
    {
        // 100 ms of "speech" (5 frames) is below the 160 ms minimum.
        var endpointer = new Endpointer(new ScriptedVad(f => f is >= 10 and < 15 ? 0.9f : 0.05f), new EndpointerOptions());
        Assert.Empty(Run(endpointer, 100));
    }

    [Fact]
    public void Process_SpeechThenSilence_StartsAfterMinSpeechAndEndsAfterEndSilence()
    {
        var options = new EndpointerOptions { MinSpeechMs = 160, EndSilenceMs = 400 };
        var endpointer = new Endpointer(new ScriptedVad(f => f is >= 10 and < 60 ? 0.9f : 0.05f), options);
        var events = Run(endpointer, 120);
        Assert.Equal([(EndpointEvent.SpeechStarted, 17), (EndpointEvent.TurnEnded, 79)], events);
        Assert.Equal(TimeSpan.FromMilliseconds(200), endpointer.SpeechStart);
    }

    [Fact]
    public void Process_MidNumberHold_WaitsLongerBeforeEndingTheTurn()
    {
        var options = new EndpointerOptions { EndSilenceMs = 400, HoldEndSilenceMs = 1000 };
        var endpointer = new Endpointer(new ScriptedVad(f => f is >= 10 and < 60 ? 0.9f : 0.05f), options);
        var events = Run(endpointer, 200, f => { if (f == 30) endpointer.Hold = TurnHold.MidNumber; });
        Assert.Equal((EndpointEvent.TurnEnded, 109), events[^1]);
        Assert.Equal(TurnHold.None, endpointer.Hold); // a hold lasts one turn
    }

    [Fact]
    public void Process_ShortPauseInsideTurn_DoesNotEndIt()
    {
        var endpointer = new Endpointer(new ScriptedVad(f => f is (>= 10 and < 40) or (>= 50 and < 80) ? 0.9f : 0.05f), new EndpointerOptions { EndSilenceMs = 400 });
        var events = Run(endpointer, 150);
        Assert.Equal(2, events.Count);
        Assert.Equal((EndpointEvent.TurnEnded, 99), events[1]);
    }
}
