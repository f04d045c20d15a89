using System.Threading.Channels;
using CollectIq.Agent.Dialog;
using CollectIq.Domain.Calls;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CollectIq.Agent.Conversation;

/// <summary>
/// Turn-taking for one call, independent of audio I/O and engines. One loop reads events (urgent
/// first) and owns all state; a speaking task synthesizes sentence by sentence into the outbound
/// media with a mark after each sentence. Barge-in clears the outbound buffer at once, cancels
/// synthesis and records what the payer heard (marks echoed before the clear). The dialog hears of the
/// interruption only once the recognizer has shown it was real: a false one (noise, a short "mm-hm")
/// makes the agent say again what was cut, from the first sentence not heard in full (docs/DIALOG.md,
/// "Barge-in and false interruptions").
/// </summary>
public sealed partial class ConversationEngine : IAsyncDisposable
{
    private readonly ConversationSetup _setup;
    private readonly ConversationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CallRecordWriter _writer;
    private readonly Channel<(AgentUtterance Utterance, CancellationToken Token)> _speakQueue =
        Channel.CreateUnbounded<(AgentUtterance, CancellationToken)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _speaker;

    private readonly List<AgentUtterance> _utterances = [];
    private readonly List<AgentUtterance> _playlist = []; // not finished yet, in playing order
    private readonly List<TurnMetrics> _metrics = [];
    private readonly List<char> _heldKeys = []; // pressed while a HoldsKeys utterance (the disclosure) played
    private CancellationTokenSource _speakCts = new();
    private readonly CancellationTokenSource _lifetime = new();
    private int _nextUtteranceId;

    private long _speechSequence = -1;
    private DateTimeOffset? _speechStartedAt; // VAD onset of the latest speech (barge-in delay)
    private bool _payerSpeaking;
    private ITimer? _bargeInTimer;
    private ITimer? _silenceTimer;
    private long _silenceGeneration;
    private ITimer? _hangUpTimer;
    private string? _endReason;
    private bool _hungUp;
    private bool _stopped;

    // The turn being measured: payer speech end → first reply audio.
    private DateTimeOffset? _speechEndedAt;
    private DateTimeOffset? _endpointAt;
    private PendingTurn? _pendingTurn;

    // A barge-in whose clear went out but whose speech the recognizer has not judged yet.
    private PausedInterruption? _paused;
    private ITimer? _falseInterruptionTimer;
    private double? _lastBargeInDelayMs;

    private static readonly System.Text.Json.JsonSerializerOptions MetricsJson = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private sealed class PausedInterruption(long sequence, DateTimeOffset clearedAt, DateTimeOffset? speechStartedAt, double? bargeInDelayMs, List<AgentUtterance> cut)
    {
        public long Sequence { get; } = sequence;
        public DateTimeOffset ClearedAt { get; } = clearedAt;
        public DateTimeOffset? SpeechStartedAt { get; } = speechStartedAt;
        public double? BargeInDelayMs { get; } = bargeInDelayMs;
        public List<AgentUtterance> Cut { get; } = cut;
        public DateTimeOffset? SpeechEndedAt { get; set; }
    }

    private sealed record PendingTurn(DateTimeOffset? SpeechEndedAt, double? EndpointMs, double? SttMs, double DialogMs, DateTimeOffset ReplyReadyAt, int ReplyUtteranceId, double? BargeInDelayMs);

    public ConversationEngine(ConversationSetup setup, ConversationOptions? options = null, TimeProvider? time = null, ILogger? logger = null)
    {
        _setup = setup;
        _options = options ?? new ConversationOptions();
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        Events = new PriorityEventQueue(_time);
        _writer = new CallRecordWriter(setup.CallId, _logger);
        _speaker = Task.Run(SpeakerLoopAsync);
    }

    public PriorityEventQueue Events { get; }

    /// <summary>Every agent utterance so far, in order, with what was played and heard.</summary>
    public IReadOnlyList<AgentUtterance> Utterances => _utterances;

    public IReadOnlyList<TurnMetrics> Metrics => _metrics;

    public bool PayerSpeaking => _payerSpeaking;

    /// <summary>True once the stream stopped (the loop ends).</summary>
    public bool Stopped => _stopped;

    public bool HungUp => _hungUp;

    public void Post(ConversationEvent item) => Events.Post(item);

    /// <summary>Says the greeting at once (call as soon as the stream starts).</summary>
    public void Start() => Apply(_setup.Dialog.Start(), measured: false);

    /// <summary>The event loop: runs until the stream stops or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!_stopped)
        {
            var item = await Events.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (item is null) break;
            await ProcessSafelyAsync(item).ConfigureAwait(false);
        }
    }

    /// <summary>Processes everything queued right now (tests drive the engine this way, without <see cref="RunAsync"/>).</summary>
    internal async Task DrainAsync()
    {
        while (!_stopped && Events.TryRead(out var item)) await ProcessSafelyAsync(item).ConfigureAwait(false);
    }

    /// <summary>Waits until every transcript/outcome write queued so far is done.</summary>
    public Task FlushRecordsAsync(CancellationToken cancellationToken = default) => _writer.FlushAsync(cancellationToken);

    private async Task ProcessSafelyAsync(ConversationEvent item)
    {
        try { await ProcessAsync(item).ConfigureAwait(false); }
        catch (Exception e) { ConversationLog.EventFailed(_logger, e, _setup.CallId, item.GetType().Name); }
    }

    private async Task ProcessAsync(ConversationEvent item)
    {
        switch (item)
        {
            case PayerStartedSpeaking started: OnPayerStarted(started); break;
            case BargeInDue due: OnBargeInDue(due); break;
            case FalseInterruptionDue due: OnFalseInterruptionDue(due); break;
            case PayerStoppedSpeaking stopped: OnPayerStopped(stopped); break;
            case FinalTranscript transcript: OnTranscript(transcript); break;
            case TranscriptUnderstood understood: OnUnderstood(understood); break;
            case DtmfReceived dtmf: OnDtmf(dtmf); break;
            case MarkEchoed mark: await OnMarkAsync(mark).ConfigureAwait(false); break;
            case SilenceElapsed silence: OnSilence(silence); break;
            case FirstAudioSent first: OnFirstAudio(first); break;
            case SpeakingFailed failed: await OnSpeakingFailedAsync(failed).ConfigureAwait(false); break;
            case HangUpDue: await HangUpAsync(_endReason ?? "agent").ConfigureAwait(false); break;
            case StreamStopped: OnStreamStopped(); break;
            case DialogFollowUp followUp: OnFollowUp(followUp); break; // streamed speech (ConversationEngine.Streaming.cs)
            case StreamedSpeechEnded ended: await OnStreamedSpeechEndedAsync(ended).ConfigureAwait(false); break;
        }
    }

    // ------------------------------------------------------------------ payer side

    private void OnPayerStarted(PayerStartedSpeaking started)
    {
        _speechSequence = started.Sequence;
        _speechStartedAt = started.SpeechStartedAt ?? started.At;
        _payerSpeaking = true;
        CancelSilence();
        // Speaking again before the first interruption was judged: the payer is taking the turn.
        if (_paused is not null) CommitInterruption("payer spoke again");
        NoteContinuation(started.Sequence);
        if (!AgentInterruptible()) return;
        if (_options.MinBargeInMs <= 0) { Interrupt(started.Sequence); return; }
        _bargeInTimer?.Dispose();
        var sequence = started.Sequence;
        _bargeInTimer = _time.CreateTimer(_ => Post(new BargeInDue(sequence)), null, TimeSpan.FromMilliseconds(_options.MinBargeInMs), Timeout.InfiniteTimeSpan);
    }

    private void OnBargeInDue(BargeInDue due)
    {
        if (due.Sequence != _speechSequence || !_payerSpeaking || !AgentInterruptible()) return;
        Interrupt(due.Sequence);
    }

    private void OnFalseInterruptionDue(FalseInterruptionDue due)
    {
        if (_paused is not { } paused || paused.Sequence != due.Sequence || _payerSpeaking) return;
        ResumeAfterFalseInterruption(paused, "no transcript in time");
    }

    private void OnPayerStopped(PayerStoppedSpeaking stopped)
    {
        if (stopped.Sequence != _speechSequence) return; // a stale stop overtaken by a newer start
        _payerSpeaking = false;
        if (_bargeInTimer is not null)
        {
            _bargeInTimer.Dispose();
            _bargeInTimer = null;
            if (AgentInterruptible()) ConversationLog.BlipIgnored(_logger, _setup.CallId);
        }
        _speechEndedAt = stopped.SpeechEndedAt;
        _endpointAt = stopped.At;
        if (_paused is { } paused && paused.Sequence == stopped.Sequence)
        {
            // Wait for the recognizer's verdict, but not for ever: the payer is waiting for the agent.
            paused.SpeechEndedAt = stopped.SpeechEndedAt;
            _falseInterruptionTimer?.Dispose();
            var sequence = stopped.Sequence;
            _falseInterruptionTimer = _time.CreateTimer(_ => Post(new FalseInterruptionDue(sequence)), null, TimeSpan.FromMilliseconds(_options.FalseInterruptionTimeoutMs), Timeout.InfiniteTimeSpan);
            return;
        }
        if (_playlist.Count == 0) StartSilence(); // restarted again if a transcript arrives
    }

    private void OnTranscript(FinalTranscript transcript)
    {
        if (_setup.Dialog.State == DialogState.Ended) return;
        if (_paused is { } paused)
        {
            if (FalseInterruptionReason(paused, transcript) is { } reason) { ResumeAfterFalseInterruption(paused, reason, transcript.Text); return; }
            // The rest of the answer the reply was cut for: the dialog is taken back, not told of an interruption.
            if (IsContinuation()) DropPausedForContinuation(paused);
            else CommitInterruption("the payer took the turn");
        }
        if (string.IsNullOrWhiteSpace(transcript.Text))
        {
            // Noise the recognizer could not turn into words: not a turn (a held first part is answered alone).
            _continuation = null;
            if (TakeHeldAnswer() is { } held) { transcript = held; }
            else
            {
                if (_playlist.Count == 0 && !_payerSpeaking) StartSilence();
                return;
            }
        }
        else
        {
            var turn = new TranscriptTurn { CallId = _setup.CallId, Speaker = Speaker.Payer, Text = transcript.Text, AtMs = AtMs(transcript.At), Confidence = transcript.Confidence };
            _writer.Enqueue("payer turn", ct => _setup.Recorder.AppendTurnAsync(_setup.CallId, turn, ct));
            if (MergeWithEarlierPart(transcript) is not { } whole) return; // held: the payer is still going on
            transcript = whole;
        }
        CancelSilence();

        var speechEndedAt = _speechEndedAt;
        var endpointAt = _endpointAt;
        _speechEndedAt = null;
        _endpointAt = null;
        if (_setup.IntentClassifier is { } classifier)
        {
            // Off the loop: urgent events (barge-in, hang-up) keep flowing while the model thinks.
            var started = _time.GetTimestamp();
            var expected = _setup.Dialog.Listen.Expected;
            var token = _lifetime.Token;
            _ = Task.Run(async () =>
            {
                Understanding.Llm.IntentHint? hint = null;
                try { hint = await classifier.ClassifyAsync(transcript.Text, expected, token).ConfigureAwait(false); }
                catch (Exception) { /* no opinion: the rules decide */ }
                Post(new TranscriptUnderstood(transcript, hint, speechEndedAt, endpointAt, started));
            });
            return;
        }
        RunDialog(new PayerSaid(transcript.Text, transcript.Confidence, transcript.Alternatives), speechEndedAt, endpointAt, transcript.At, _time.GetTimestamp());
    }

    private void OnUnderstood(TranscriptUnderstood understood)
    {
        if (_setup.Dialog.State == DialogState.Ended) return;
        var t = understood.Transcript;
        RunDialog(new PayerSaid(t.Text, t.Confidence, t.Alternatives, understood.Hint), understood.SpeechEndedAt, understood.EndpointAt, t.At, understood.StartedTimestamp);
    }

    private void OnDtmf(DtmfReceived dtmf)
    {
        if (_setup.Dialog.State == DialogState.Ended) return;
        CancelSilence();
        if (_paused is null && KeysHeld())
        {
            // The disclosure must be heard in full: the key waits for its last mark (ReleaseHeldKeys), nothing is cut.
            _heldKeys.Add(dtmf.Digit);
            ConversationLog.KeyHeld(_logger, _setup.CallId, _playlist[0].Id, _heldKeys.Count);
            return;
        }
        // A keypress while the agent talks is an answer: stop talking at once; a paused interruption was real.
        if (AgentInterruptible()) Interrupt(null);
        if (_paused is not null) CommitInterruption("keypad");
        // No "dtmf" call event here: the media-stream session already records every key with its digit.
        RunDialog(new KeyPressed(dtmf.Digit), null, null, null, _time.GetTimestamp());
    }

    private bool KeysHeld() => _playlist.Count > 0 && _playlist[0].HoldsKeys && !_hungUp;

    /// <summary>The text that held keys has played (or was cut): hand the held keys to the dialog, in order.</summary>
    private void ReleaseHeldKeys()
    {
        if (_heldKeys.Count == 0 || KeysHeld() || _stopped) return;
        var keys = _heldKeys.ToArray();
        _heldKeys.Clear();
        foreach (var digit in keys) OnDtmf(new DtmfReceived(digit));
    }

    private void OnSilence(SilenceElapsed silence)
    {
        if (silence.Generation != _silenceGeneration || _playlist.Count > 0 || _payerSpeaking || _paused is not null || _setup.Dialog.State == DialogState.Ended) return;
        Apply(_setup.Dialog.Handle(new SilenceTimedOut()), measured: false);
    }

    private void OnStreamStopped()
    {
        _stopped = true;
        CancelSilence();
        _bargeInTimer?.Dispose();
        _falseInterruptionTimer?.Dispose();
        _paused = null; // hung up while paused: what was heard is already recorded
        _heldAnswer = null;
        _heldKeys.Clear();
        _hangUpTimer?.Dispose();
        _speakCts.Cancel();
        var now = _time.GetUtcNow();
        foreach (var utterance in _playlist)
        {
            // Hung up mid-sentence: keep what was heard.
            if (utterance.SentencesQueued > 0 || utterance.SentencesPlayed > 0) MarkInterrupted(utterance, now);
            else utterance.Interrupted = true;
        }
        _playlist.Clear();
        if (_setup.Dialog.State is not (DialogState.Ended or DialogState.NotStarted))
            Apply(_setup.Dialog.Handle(new PayerHungUp()), measured: false);
        Events.Complete();
    }

    // ------------------------------------------------------------------ agent side

    /// <param name="startedTimestamp">When understanding started (the dialog stage includes a second opinion, if any).</param>
    private void RunDialog(DialogInput input, DateTimeOffset? speechEndedAt, DateTimeOffset? endpointAt, DateTimeOffset? transcriptAt, long startedTimestamp)
    {
        var endpointMs = speechEndedAt is { } end && endpointAt is { } ep ? (ep - end).TotalMilliseconds : (double?)null;
        var sttMs = endpointAt is { } ep2 && transcriptAt is { } tr ? (tr - ep2).TotalMilliseconds : (double?)null;
        var started = startedTimestamp;
        var checkpoint = CheckpointForContinuation(input, speechEndedAt);
        var response = _setup.Dialog.Handle(input);
        RememberAnswer(input, speechEndedAt, checkpoint, response);
        var dialogMs = _time.GetElapsedTime(started).TotalMilliseconds;
        var firstSay = Apply(response, measured: true);
        var bargeInDelayMs = _lastBargeInDelayMs;
        _lastBargeInDelayMs = null;
        if (firstSay is not null)
            _pendingTurn = new PendingTurn(speechEndedAt, endpointMs, sttMs, dialogMs, _time.GetUtcNow(), firstSay.Id, bargeInDelayMs);
        else
        {
            Finish(new TurnMetrics(_metrics.Count + 1, endpointMs, sttMs, dialogMs, null, null, bargeInDelayMs));
            // Nothing to say (a keypad digit in the middle of an entry): the payer's silence still counts.
            if (_playlist.Count == 0 && !_payerSpeaking) StartSilence();
        }
    }

    /// <summary>Carries out the dialog's actions; returns the first utterance queued.</summary>
    private AgentUtterance? Apply(DialogResponse response, bool measured)
    {
        AgentUtterance? first = null;
        foreach (var action in response.Actions)
        {
            switch (action)
            {
                case SayAction say:
                    var utterance = Speak(say.Text, say.Interruptible, say.Tag);
                    utterance.HoldsKeys = say.HoldsKeys;
                    first ??= utterance;
                    break;
                case StreamedSayAction streamed:
                    var streamedUtterance = SpeakStreamed(streamed);
                    first ??= streamedUtterance;
                    break;
                case RecordOutcomeAction record:
                    var json = record.Detail.ToJson();
                    ConversationLog.OutcomeRecorded(_logger, _setup.CallId, response.State.ToString(), record.Outcome.ToWire());
                    _writer.Enqueue("outcome", ct => _setup.Recorder.SetOutcomeAsync(_setup.CallId, record.Outcome, json, ct));
                    break;
                case OptOutAction:
                    var at = _time.GetUtcNow();
                    _writer.Enqueue("opt-out event", ct => _setup.Recorder.RecordEventAsync(_setup.CallId, "opt-out", null, ct));
                    if (_setup.OptOut is { } optOut) _writer.Enqueue("opt-out", ct => optOut.OptOutAsync(_setup.PayerId, _setup.CallId, at, ct));
                    break;
                case EndCallAction end:
                    _endReason = end.Reason;
                    _hangUpTimer?.Dispose();
                    _hangUpTimer = _time.CreateTimer(_ => Post(new HangUpDue()), null, TimeSpan.FromMilliseconds(_options.HangUpGraceMs), Timeout.InfiniteTimeSpan);
                    break;
            }
        }
        _setup.OnListen?.Invoke(response.Listen);
        if (_endReason is not null && _playlist.Count == 0) Post(new HangUpDue());
        return first;
    }

    private AgentUtterance Speak(string text, bool interruptible, string? tag) =>
        Speak(text, CollectIq.Speech.TextToSpeech.SentenceSplitter.Split(text).ToArray(), interruptible, tag, resumes: null);

    private AgentUtterance Speak(string text, IReadOnlyList<string> sentences, bool interruptible, string? tag, AgentUtterance? resumes)
    {
        CancelSilence();
        var now = _time.GetUtcNow();
        var utterance = new AgentUtterance(++_nextUtteranceId, text, sentences, interruptible, tag, now) { Resumes = resumes };
        _utterances.Add(utterance);
        _playlist.Add(utterance);
        var turn = new TranscriptTurn { CallId = _setup.CallId, Speaker = Speaker.Agent, Text = text, AtMs = AtMs(now) };
        utterance.Turn = turn;
        _writer.Enqueue("agent turn", ct => _setup.Recorder.AppendTurnAsync(_setup.CallId, turn, ct));
        _speakQueue.Writer.TryWrite((utterance, _speakCts.Token));
        return utterance;
    }

    private bool AgentInterruptible() => _playlist.Count > 0 && _playlist[0].Interruptible && !_hungUp;

    /// <summary>
    /// Barge-in: clear Twilio's buffer now, stop synthesis, account for what was heard. With
    /// <see cref="ConversationOptions.ResumeFalseInterruptions"/> the dialog is told only once the speech proves
    /// real (<see cref="CommitInterruption"/>); a false one is undone by <see cref="ResumeAfterFalseInterruption"/>.
    /// </summary>
    /// <param name="sequence">The speech that interrupted; null for a keypress (always real).</param>
    private void Interrupt(long? sequence)
    {
        // Cancel first so the speaking task queues nothing more, then clear what is queued.
        _speakCts.Cancel();
        _setup.Outbound.Clear();
        _speakCts.Dispose();
        _speakCts = new CancellationTokenSource();
        _bargeInTimer?.Dispose();
        _bargeInTimer = null;
        AgentMetrics.BargeIns.Add(1);

        var now = _time.GetUtcNow();
        var bargeInDelayMs = sequence is not null && _speechStartedAt is { } onset ? Math.Max(0, (now - onset).TotalMilliseconds) : (double?)null;
        if (bargeInDelayMs is { } delay) AgentMetrics.BargeInDelay.Record(delay);
        _lastBargeInDelayMs = bargeInDelayMs;
        var cut = _playlist.ToList();
        _playlist.Clear();
        var first = cut[0];
        ConversationLog.BargeIn(_logger, _setup.CallId, first.Id, first.SentencesPlayed, first.Sentences.Count, bargeInDelayMs ?? -1);
        var detail = $"utterance {first.Id}: {first.SentencesPlayed}/{first.Sentences.Count} sentences heard"
            + (bargeInDelayMs is { } d ? $"; clear {d:0} ms after speech onset" : "");
        _writer.Enqueue("barge-in event", ct => _setup.Recorder.RecordEventAsync(_setup.CallId, "barge-in", detail, ct));

        foreach (var utterance in cut) MarkInterrupted(utterance, now);
        _paused = new PausedInterruption(sequence ?? -1, now, sequence is null ? null : _speechStartedAt, bargeInDelayMs, cut);
        // A streamed (LLM) reply is not resumed: its text is still being produced, and the brain must stop generating now.
        if (sequence is null || !_options.ResumeFalseInterruptions || cut.Any(u => u.Stream is not null))
            CommitInterruption(sequence is null ? "keypad" : _options.ResumeFalseInterruptions ? "streamed reply" : "resume disabled");
    }

    /// <summary>The interruption was real: the dialog learns what the payer heard; a goodbye behind it is said again.</summary>
    private void CommitInterruption(string why)
    {
        if (_paused is not { } paused) return;
        _paused = null;
        _falseInterruptionTimer?.Dispose();
        _falseInterruptionTimer = null;
        _lastAnswer = null; // the dialog learns of the cut: an older checkpoint would forget it
        ConversationLog.InterruptionCommitted(_logger, _setup.CallId, paused.Cut[0].Id, why);
        foreach (var utterance in paused.Cut)
        {
            if (utterance.Tag is not null)
                Apply(_setup.Dialog.Handle(new AgentInterrupted(utterance.Tag, utterance.HeardText, utterance.FullyPlayed)), measured: false);
        }
        // A goodbye queued behind the cut utterances must still be heard: say it again.
        foreach (var keep in paused.Cut.Where(u => !u.Interruptible)) Speak(keep.Text, interruptible: false, keep.Tag);
        ReleaseHeldKeys(); // the payer's speech cut the disclosure: the dialog repeats it before acting on the keys
    }

    /// <summary>
    /// Why the paused interruption is false (so the agent resumes), or null when the payer really took the turn.
    /// False: no words at all (noise, a cough); or a short interruption whose words are a backchannel or too
    /// uncertain to act on — except a backchannel word said while the agent was asking its question ("yes"
    /// to "am I speaking with…?"), which is an answer.
    /// </summary>
    private string? FalseInterruptionReason(PausedInterruption paused, FinalTranscript transcript)
    {
        if (string.IsNullOrWhiteSpace(transcript.Text)) return "no words";
        var speechMs = paused.SpeechStartedAt is { } start && (paused.SpeechEndedAt ?? _speechEndedAt) is { } end ? (end - start).TotalMilliseconds : double.MaxValue;
        if (speechMs > _options.FalseInterruptionMaxSpeechMs) return null;
        if (transcript.Confidence <= _options.FalseInterruptionMaxConfidence) return "words too uncertain";
        if (!Understanding.Backchannels.IsBackchannel(transcript.Text)) return null;
        var cutAt = paused.Cut.FirstOrDefault(u => !u.FullyPlayed);
        var askingQuestion = cutAt is not null && cutAt.Sentences[cutAt.SentencesPlayed].TrimEnd().EndsWith('?');
        return askingQuestion ? null : "backchannel";
    }

    /// <summary>
    /// Undo a false interruption: say again everything the payer did not hear in full, starting with the whole
    /// sentence that was cut (a regulated disclosure is never left half-said), as new utterances with new marks.
    /// </summary>
    private void ResumeAfterFalseInterruption(PausedInterruption paused, string reason, string? heardFromPayer = null)
    {
        _paused = null;
        _falseInterruptionTimer?.Dispose();
        _falseInterruptionTimer = null;
        _lastBargeInDelayMs = null;
        _speechEndedAt = null; // not a turn: nothing to measure
        _endpointAt = null;
        AgentMetrics.FalseInterruptions.Add(1);
        var resumed = new List<string>();
        foreach (var utterance in paused.Cut)
        {
            if (utterance.FullyPlayed) continue;
            var rest = utterance.Sentences.Skip(utterance.SentencesPlayed).ToArray();
            var again = Speak(string.Join(' ', rest), rest, utterance.Interruptible, utterance.Tag, resumes: utterance);
            again.HoldsKeys = utterance.HoldsKeys;
            resumed.Add($"u{utterance.Id} from sentence {utterance.SentencesPlayed + 1} as u{again.Id}");
        }
        var speechMs = paused.SpeechStartedAt is { } s && paused.SpeechEndedAt is { } e ? (e - s).TotalMilliseconds : (double?)null;
        ConversationLog.FalseInterruption(_logger, _setup.CallId, reason, speechMs ?? -1, resumed.Count);
        var detail = System.Text.Json.JsonSerializer.Serialize(new FalseInterruptionDetail(reason, paused.BargeInDelayMs, speechMs, heardFromPayer, resumed), MetricsJson);
        _writer.Enqueue("false-interruption event", ct => _setup.Recorder.RecordEventAsync(_setup.CallId, "false-interruption", detail, ct));
        if (_playlist.Count == 0 && !_payerSpeaking) StartSilence(); // nothing left to say: the payer's turn as before
    }

    private sealed record FalseInterruptionDetail(string Reason, double? BargeInDelayMs, double? SpeechMs, string? PayerWords, List<string> Resumed);

    private void MarkInterrupted(AgentUtterance utterance, DateTimeOffset at)
    {
        EndStream(utterance); // a cut streamed reply: its transcript turn is written now, with what was produced
        utterance.Interrupted = true;
        utterance.InterruptedAt = at;
        if (utterance.Turn is { } turn)
        {
            var heard = utterance.HeardText;
            _writer.Enqueue("turn interrupted", ct => _setup.Recorder.MarkTurnInterruptedAsync(_setup.CallId, turn.Id, heard, ct));
        }
    }

    private async Task OnMarkAsync(MarkEchoed mark)
    {
        if (!AgentUtterance.TryParseMark(mark.Name, out var id, out var index)) return;
        var utterance = _playlist.FirstOrDefault(u => u.Id == id);
        if (utterance is null)
        {
            // Urgent barge-in overtook this mark in the queue: if Twilio sent it before we cleared, it was played.
            var cut = _utterances.FirstOrDefault(u => u.Id == id);
            if (cut is { Interrupted: true, InterruptedAt: { } clearedAt } && mark.At < clearedAt && index + 1 > cut.SentencesPlayed && index < cut.Sentences.Count)
            {
                cut.SentencesPlayed = index + 1;
                MarkInterrupted(cut, clearedAt);
            }
            return; // otherwise flushed by the clear ("cleared", not "played"), or already counted
        }
        utterance.SentencesPlayed = Math.Max(utterance.SentencesPlayed, index + 1);
        if (!utterance.FullyPlayed) return;
        utterance.PlayedAt = mark.At;
        // Marks come back in order: everything before this utterance has played too.
        var position = _playlist.IndexOf(utterance);
        foreach (var earlier in _playlist.Take(position)) { earlier.SentencesPlayed = earlier.Sentences.Count; earlier.PlayedAt ??= mark.At; }
        _playlist.RemoveRange(0, position + 1);
        ReleaseHeldKeys();
        await OnAgentMaybeIdleAsync().ConfigureAwait(false);
    }

    private async Task OnAgentMaybeIdleAsync()
    {
        if (_playlist.Count > 0) return;
        if (_endReason is not null) { await HangUpAsync(_endReason).ConfigureAwait(false); return; }
        if (!_payerSpeaking && _setup.Dialog.Listen.Mode != InputMode.None) StartSilence();
    }

    private void OnFirstAudio(FirstAudioSent first)
    {
        var utterance = _utterances.FirstOrDefault(u => u.Id == first.UtteranceId);
        if (utterance is not null) utterance.FirstAudioAt = first.At;
        if (_pendingTurn is not { } pending || pending.ReplyUtteranceId != first.UtteranceId) return;
        _pendingTurn = null;
        Finish(new TurnMetrics(
            _metrics.Count + 1,
            pending.EndpointMs,
            pending.SttMs,
            pending.DialogMs,
            (first.At - pending.ReplyReadyAt).TotalMilliseconds,
            pending.SpeechEndedAt is { } end ? (first.At - end).TotalMilliseconds : null,
            pending.BargeInDelayMs));
    }

    private void Finish(TurnMetrics metrics)
    {
        _metrics.Add(metrics);
        AgentMetrics.Record(metrics);
        // Stored with the call as an event, so GET /api/calls/{id} can show per-turn latency without a schema change.
        var json = System.Text.Json.JsonSerializer.Serialize(metrics, MetricsJson);
        _writer.Enqueue("turn metrics", ct => _setup.Recorder.RecordEventAsync(_setup.CallId, "turn-metrics", json, ct));
        _setup.MetricsSink?.Add(_setup.CallId, metrics);
    }

    private async Task OnSpeakingFailedAsync(SpeakingFailed failed)
    {
        ConversationLog.SpeakingFailed(_logger, failed.Error, _setup.CallId, failed.UtteranceId);
        var utterance = _playlist.FirstOrDefault(u => u.Id == failed.UtteranceId);
        if (utterance is null) return;
        MarkInterrupted(utterance, failed.At);
        _playlist.Remove(utterance);
        ReleaseHeldKeys();
        await OnAgentMaybeIdleAsync().ConfigureAwait(false);
    }

    private async Task HangUpAsync(string reason)
    {
        if (_hungUp || _stopped) return;
        _hungUp = true;
        _hangUpTimer?.Dispose();
        CancelSilence();
        ConversationLog.HangingUp(_logger, _setup.CallId, reason);
        await _setup.Outbound.HangUpAsync(reason).ConfigureAwait(false);
    }

    private void StartSilence()
    {
        if (_hungUp || _stopped || _setup.Dialog.State == DialogState.Ended) return;
        CancelSilence();
        var generation = _silenceGeneration;
        _silenceTimer = _time.CreateTimer(_ => Post(new SilenceElapsed(generation)), null, TimeSpan.FromMilliseconds(_options.SilenceTimeoutMs), Timeout.InfiniteTimeSpan);
    }

    private void CancelSilence()
    {
        _silenceGeneration++;
        _silenceTimer?.Dispose();
        _silenceTimer = null;
    }

    private int AtMs(DateTimeOffset at) => (int)Math.Max(0, (at - _setup.StreamStartedAt).TotalMilliseconds);

    // ------------------------------------------------------------------ speaking task

    private async Task SpeakerLoopAsync()
    {
        await foreach (var (utterance, token) in _speakQueue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (token.IsCancellationRequested) continue;
            if (utterance.Stream is not null) { await SpeakStreamedAsync(utterance, token).ConfigureAwait(false); continue; }
            try
            {
                var started = _time.GetUtcNow();
                var first = true;
                for (var i = 0; i < utterance.Sentences.Count; i++)
                {
                    await foreach (var chunk in _setup.Synthesizer.SynthesizeAsync(utterance.Sentences[i], token).ConfigureAwait(false))
                    {
                        await _setup.Outbound.SendAudioAsync(chunk, token).ConfigureAwait(false);
                        if (first) { first = false; Post(new FirstAudioSent(utterance.Id, started)); }
                    }
                    await _setup.Outbound.SendMarkAsync(utterance.MarkName(i), token).ConfigureAwait(false);
                    utterance.SentencesQueued = i + 1;
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested) { }
            catch (Exception e) { Post(new SpeakingFailed(utterance.Id, e)); }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopped = true;
        Events.Complete();
        _lifetime.Cancel();
        _speakCts.Cancel();
        _speakQueue.Writer.TryComplete();
        _bargeInTimer?.Dispose();
        _falseInterruptionTimer?.Dispose();
        _silenceTimer?.Dispose();
        _hangUpTimer?.Dispose();
        try { await _speaker.ConfigureAwait(false); } catch (OperationCanceledException) { }
        await _writer.DisposeAsync().ConfigureAwait(false);
        _speakCts.Dispose();
        _lifetime.Dispose();
    }
}
