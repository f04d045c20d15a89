using CollectIq.Agent.Dialog;

namespace CollectIq.Agent.Conversation;

/// <summary>
/// Split answers. The endpointer calls a turn over after 200 ms of silence (the latency target needs it), so
/// "Yes, speaking." can arrive as "yes" + "speaking". The first part is answered at once (no added latency);
/// if the payer goes on within <see cref="ConversationOptions.MergeContinuationWithinMs"/> of its end, the two
/// parts are one answer:
/// <list type="bullet">
/// <item>The dialog has not seen the first part yet (its transcript came while the payer was already talking
/// again): it is held and answered together with the rest.</item>
/// <item>The dialog already answered it: the reply is cut like any barge-in, the dialog is taken back to its
/// checkpoint from before the first part (<see cref="IRevertibleDialog"/>), and the joined text is handed to
/// it as one turn. It is not told of an interruption: its reply was withdrawn, not cut.</item>
/// </list>
/// Only a first part whose reply had no consequences and of which no sentence has been heard in full yet (say actions only: no outcome, opt-out or hang-up) is
/// taken back; a rest that proves a false interruption (no words, a short backchannel) resumes the reply as before.
/// </summary>
public sealed partial class ConversationEngine
{
    /// <summary>The latest spoken answer the dialog acted on, with the dialog's state from before it.</summary>
    private sealed record AnsweredPart(string Text, double Confidence, DateTimeOffset SpeechEndedAt, object Checkpoint, int FirstReplyId);

    private sealed record Continuation(AnsweredPart Earlier, long Sequence, double GapMs);

    private AnsweredPart? _lastAnswer;
    private Continuation? _continuation; // the current speech started within the window after _lastAnswer
    private FinalTranscript? _heldAnswer; // a first part not yet answered: the payer was already talking again

    private object? CheckpointForContinuation(DialogInput input, DateTimeOffset? speechEndedAt) =>
        _options.MergeContinuationWithinMs > 0 && input is PayerSaid && speechEndedAt is not null && _setup.Dialog is IRevertibleDialog dialog
            ? dialog.Checkpoint()
            : null;

    private void RememberAnswer(DialogInput input, DateTimeOffset? speechEndedAt, object? checkpoint, DialogResponse response)
    {
        _lastAnswer = checkpoint is not null && input is PayerSaid said && speechEndedAt is { } end && response.Actions.All(a => a is SayAction)
            ? new AnsweredPart(said.Text, said.Confidence, end, checkpoint, _nextUtteranceId + 1) // called before the reply is queued
            : null;
    }

    /// <summary>At speech onset: is this the rest of the answer the dialog just acted on?</summary>
    private void NoteContinuation(long sequence)
    {
        _continuation = null;
        if (_lastAnswer is not { } earlier || _speechStartedAt is not { } onset) return;
        var gapMs = (onset - earlier.SpeechEndedAt).TotalMilliseconds;
        // Once a sentence of the reply has been heard in full, the payer is answering it, not going on.
        var replyHeard = _playlist.Count == 0 || _utterances.Any(u => u.Id >= earlier.FirstReplyId && u.SentencesPlayed > 0);
        if (gapMs > _options.MergeContinuationWithinMs || replyHeard) { _lastAnswer = null; return; }
        _continuation = new Continuation(earlier, sequence, Math.Max(0, gapMs));
    }

    private bool IsContinuation() => _continuation is { } c && c.Sequence == _speechSequence && _setup.Dialog is IRevertibleDialog;

    /// <summary>The barge-in on the reply was the payer going on: forget it (the cut turns stay marked as heard so far).</summary>
    private void DropPausedForContinuation(PausedInterruption paused)
    {
        _paused = null;
        _falseInterruptionTimer?.Dispose();
        _falseInterruptionTimer = null;
        ConversationLog.InterruptionCommitted(_logger, _setup.CallId, paused.Cut[0].Id, "the payer went on with the same answer");
    }

    private FinalTranscript? TakeHeldAnswer()
    {
        var held = _heldAnswer;
        _heldAnswer = null;
        return held;
    }

    /// <summary>
    /// The answer to hand to the dialog for <paramref name="transcript"/> (joined with an earlier part when the payer
    /// went on), or null when it is held because the payer is already talking again.
    /// </summary>
    private FinalTranscript? MergeWithEarlierPart(FinalTranscript transcript)
    {
        if (_heldAnswer is { } held)
        {
            _heldAnswer = null;
            var gap = _speechStartedAt is { } onset && _speechEndedAt is { } end ? (onset - end).TotalMilliseconds : -1;
            return Join(held.Text, held.Confidence, transcript, "first part held", gap);
        }
        if (IsContinuation() && _continuation is { } c)
        {
            _continuation = null;
            _lastAnswer = null;
            StopSpeaking(); // a reply that finished or is still queued, not yet cut by a barge-in
            ((IRevertibleDialog)_setup.Dialog).Restore(c.Earlier.Checkpoint);
            _pendingTurn = null;
            return Join(c.Earlier.Text, c.Earlier.Confidence, transcript, "reply withdrawn", c.GapMs);
        }
        _continuation = null;
        if (_options.MergeContinuationWithinMs > 0 && _payerSpeaking && _speechStartedAt is { } again && _speechEndedAt is { } ended
            && (again - ended).TotalMilliseconds is var pause && pause >= 0 && pause <= _options.MergeContinuationWithinMs)
        {
            // The payer went on before this part was answered: answer both at once when the rest is in.
            _heldAnswer = transcript;
            return null;
        }
        return transcript;
    }

    private FinalTranscript Join(string earlierText, double earlierConfidence, FinalTranscript rest, string how, double gapMs)
    {
        ConversationLog.TurnMerged(_logger, _setup.CallId, Math.Round(gapMs), how);
        AgentMetrics.MergedTurns.Add(1);
        var detail = System.Text.Json.JsonSerializer.Serialize(new MergedTurnDetail(how, gapMs < 0 ? null : Math.Round(gapMs), earlierText, rest.Text), MetricsJson);
        _writer.Enqueue("turn-merged event", ct => _setup.Recorder.RecordEventAsync(_setup.CallId, "turn-merged", detail, ct));
        // The weaker part decides how sure the whole answer is.
        return new FinalTranscript(earlierText + " " + rest.Text, Math.Min(earlierConfidence, rest.Confidence), []) { At = rest.At };
    }

    private sealed record MergedTurnDetail(string How, double? GapMs, string Earlier, string Rest);

    /// <summary>Stops whatever is still queued or playing, keeping what was heard (no dialog report: it is withdrawn).</summary>
    private void StopSpeaking()
    {
        if (_playlist.Count == 0) return;
        _speakCts.Cancel();
        _setup.Outbound.Clear();
        _speakCts.Dispose();
        _speakCts = new CancellationTokenSource();
        var now = _time.GetUtcNow();
        foreach (var utterance in _playlist) MarkInterrupted(utterance, now);
        _playlist.Clear();
    }
}
