using CollectIq.Agent.Conversation;
using CollectIq.Agent.Dialog;
using CollectIq.Agent.Speech;
using CollectIq.Speech;
using CollectIq.Speech.Audio;
using CollectIq.Speech.Recognition;
using CollectIq.Speech.SpeechToText.PocketSphinx;
using CollectIq.Speech.TextToSpeech;
using CollectIq.Speech.Vad;
using Microsoft.Extensions.Logging.Abstractions;

namespace CollectIq.Agent.Tests.Speech;

/// <summary>Real flite speech through the phone line into real Silero VAD and pocketsphinx.</summary>
public sealed class SpeechListenerTests : IClassFixture<SpeechListenerTests.Engines>
{
    private readonly Engines _engines;

    public SpeechListenerTests(Engines engines) => _engines = engines;

    [Fact]
    public async Task PushAudio_RightPartyAnswer_PostsStartStopAndTranscriptWithTheIdentityGrammar()
    {
        var events = await ListenAsync("yes this is she", new ListenSpec(ExpectedAnswer.Identity, InputMode.Voice, false));

        var started = Assert.Single(events.OfType<PayerStartedSpeaking>());
        var stopped = Assert.Single(events.OfType<PayerStoppedSpeaking>());
        Assert.Equal(started.Sequence, stopped.Sequence);
        // The onset is stamped back by the VAD's onset run (MinSpeechMs of audio), so the barge-in delay can be measured from it.
        // (audio is pushed faster than real time here, so only its presence and bound are checked).
        Assert.NotNull(started.SpeechStartedAt);
        Assert.True(started.SpeechStartedAt <= DateTimeOffset.UtcNow);
        Assert.True(events.IndexOf(started) < events.IndexOf(stopped));
        var transcript = Assert.Single(events.OfType<FinalTranscript>());
        Assert.Contains("this is she", transcript.Text, StringComparison.Ordinal);
        Assert.InRange(transcript.Confidence, double.Epsilon, 1.0); // its level depends on the pooled decoder's live CMN history, so only "some" is asserted
    }

    [Fact]
    public async Task PushAudio_SilenceOnly_PostsNothing()
    {
        await using var listener = Create();
        var events = new List<ConversationEvent>();
        listener.Start(e => { lock (events) events.Add(e); }, DateTimeOffset.UtcNow);
        var silence = PhoneLine.ToMuLaw(PcmAudio.Silence(TimeSpan.FromSeconds(2), PhoneLine.SampleRate));
        for (var i = 0; i < silence.Length; i += 160) listener.PushAudio(silence.AsSpan(i, 160), i / 8);
        await Task.Delay(200);
        lock (events) Assert.Empty(events);
    }

    [Fact]
    public async Task PushAudio_OddFrameSizes_AreReframedAndStillRecognized()
    {
        var events = await ListenAsync("yes this is she", new ListenSpec(ExpectedAnswer.Identity, InputMode.Voice, false), frameBytes: 333);

        Assert.Single(events.OfType<PayerStartedSpeaking>());
        Assert.Contains("this is she", Assert.Single(events.OfType<FinalTranscript>()).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PushAudio_DateStateWithPauseMidDate_WaitsLongerThanInAYesNoState()
    {
        // "December … fifteenth" synthesized apart: flite's own silence at the end and start of each word makes a
        // pause of several hundred ms: one turn where a date is expected, two where a yes/no is.
        var date = await TurnsAsync(new ListenSpec(ExpectedAnswer.Date, InputMode.Voice, true), "December", "fifteenth");
        var yesNo = await TurnsAsync(new ListenSpec(ExpectedAnswer.YesNo, InputMode.Voice, false), "December", "fifteenth");

        Assert.Equal(1, date);
        Assert.Equal(2, yesNo);
    }

    private async Task<int> TurnsAsync(ListenSpec listen, string first, string second)
    {
        await using var listener = Create();
        var events = new List<ConversationEvent>();
        listener.Start(e => { lock (events) events.Add(e); }, DateTimeOffset.UtcNow);
        listener.Expect(listen);
        var pause = PcmAudio.Silence(TimeSpan.FromMilliseconds(150), PhoneLine.SampleRate);
        var pad = PcmAudio.Silence(TimeSpan.FromSeconds(1.5), PhoneLine.SampleRate);
        var audio = pad.Concat(await _engines.Flite.SynthesizeAllAsync(first)).Concat(pause).Concat(await _engines.Flite.SynthesizeAllAsync(second)).Concat(pad);
        var mulaw = PhoneLine.ToMuLaw(audio, noiseDbfs: -60);
        for (var i = 0; i + 160 <= mulaw.Length; i += 160) listener.PushAudio(mulaw.AsSpan(i, 160), i / 8);
        lock (events) return events.OfType<PayerStoppedSpeaking>().Count();
    }

    [Fact]
    public async Task WarmUpAsync_Sessions_DecodersAreInThePoolBeforeTheFirstTurn()
    {
        using var stt = new PocketSphinxSpeechToText();
        var factory = new SpeechListenerFactory(stt, _engines.Vad, new SpeechOptions().ToEndpointerOptions(), TimeProvider.System, NullLoggerFactory.Instance);
        var before = stt.DecodersCreated;

        await factory.WarmUpAsync(3, CancellationToken.None);
        Assert.True(stt.DecodersCreated >= 3, $"{stt.DecodersCreated} created");
        var created = stt.DecodersCreated;
        using (var a = stt.StartSession(ExpectedAnswer.YesNo))
        using (var b = stt.StartSession(ExpectedAnswer.Intent))
        using (var c = stt.StartSession(ExpectedAnswer.Date)) { }
        Assert.Equal(created, stt.DecodersCreated); // three turns at once: all from the pool
        Assert.True(before <= 1);
    }

    [Fact]
    public void ToTranscript_Rejected_KeepsWordsButCapsConfidenceBelowAcceptance()
    {
        var result = new CollectIq.Speech.SpeechToText.RecognitionResult("i will pay on the second", 0.9, SpokenAnswer.Unknown, Rejected: true,
            [new("i will pay on the second", 0.9)], TimeSpan.FromSeconds(1), TimeSpan.Zero, ExpectedAnswer.Intent);

        var transcript = SpeechListener.ToTranscript(result);

        Assert.Equal("i will pay on the second", transcript.Text);
        Assert.True(transcript.Confidence < new DialogOptions().AcceptConfidence);
    }

    [Fact]
    public async Task PushAudio_VadFailsOnEveryFrame_CallFallsBackToEnergyVadLogsOnceAndStillRecognizes()
    {
        // What a Silero session freed at host shutdown did to a call: every frame of the VAD threw.
        var failing = new FailingVadFactory();
        var logger = new CountingLogger();

        var events = await ListenAsync("yes this is she", new ListenSpec(ExpectedAnswer.Identity, InputMode.Voice, false),
            listener: new SpeechListener(_engines.Stt, failing, new SpeechOptions().ToEndpointerOptions(), TimeProvider.System, logger));

        Assert.Single(events.OfType<PayerStartedSpeaking>());
        Assert.Contains("this is she", Assert.Single(events.OfType<FinalTranscript>()).Text, StringComparison.Ordinal);
        Assert.Equal(1, failing.Calls); // the broken detector is not asked again
        Assert.Equal(1, logger.Warnings);
    }

    private async Task<List<ConversationEvent>> ListenAsync(string text, ListenSpec listen, int frameBytes = 160, SpeechListener? listener = null)
    {
        await using var _ = listener ??= Create();
        var events = new List<ConversationEvent>();
        var transcript = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        listener.Start(e => { lock (events) events.Add(e); if (e is FinalTranscript) transcript.TrySetResult(); }, DateTimeOffset.UtcNow);
        listener.Expect(listen);

        var speech = await _engines.Flite.SynthesizeAllAsync(text);
        var pad = PcmAudio.Silence(TimeSpan.FromSeconds(0.8), PhoneLine.SampleRate);
        var mulaw = PhoneLine.ToMuLaw(pad.Concat(speech).Concat(pad).Concat(pad), noiseDbfs: -60);
        for (var i = 0; i < mulaw.Length; i += frameBytes)
            listener.PushAudio(mulaw.AsSpan(i, Math.Min(frameBytes, mulaw.Length - i)), i / 8);

        await transcript.Task.WaitAsync(TimeSpan.FromSeconds(30));
        lock (events) return [.. events];
    }

    /// <summary>With the host's defaults (Speech options), not the endpointer's own.</summary>
    private SpeechListener Create() =>
        new(_engines.Stt, _engines.Vad, new SpeechOptions().ToEndpointerOptions(), TimeProvider.System, NullLogger.Instance);

    private sealed class FailingVadFactory : IVoiceActivityDetectorFactory, IVoiceActivityDetector
    {
        public int Calls;
        public string Name => "silero";
        public IVoiceActivityDetector Create() => this;
        public float Process(ReadOnlySpan<short> frame)
        {
            Calls++;
            throw new NullReferenceException("the ONNX session is gone");
        }
        public void Reset() { }
        public void Dispose() { }
    }

    private sealed class CountingLogger : Microsoft.Extensions.Logging.ILogger
    {
        public int Warnings;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;
        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == Microsoft.Extensions.Logging.LogLevel.Warning && exception is NullReferenceException) Interlocked.Increment(ref Warnings);
        }
    }

    public sealed class Engines : IDisposable
    {
        public PocketSphinxSpeechToText Stt { get; } = new();
        public SileroVadFactory Vad { get; } = new(SpeechPaths.SileroModel());
        public FliteTextToSpeech Flite { get; } = new("rms");

        public void Dispose()
        {
            Stt.Dispose();
            Vad.Dispose();
        }
    }
}
