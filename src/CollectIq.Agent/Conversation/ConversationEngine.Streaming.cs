using CollectIq.Agent.Dialog;
using CollectIq.Domain.Calls;

namespace CollectIq.Agent.Conversation;

/// <summary>
/// Streamed speech (<see cref="StreamedSayAction"/>, an LLM reply): the speaking task speaks each
/// sentence as it arrives; when the dialog's completion is ready (tool calls, a failure) it is handed
/// back to the dialog on the loop (<see cref="DialogFollowUp"/>). Barge-in cancels the reading like any
/// synthesis and tells the dialog through <see cref="AgentInterrupted"/> (streamed utterances are tagged).
/// Kept apart from the engine's main file so the turn-taking core stays as it was.
/// </summary>
public sealed partial class ConversationEngine
{
    /// <summary>Internal: the dialog's follow-up input after a streamed reply is ready for it.</summary>
    internal sealed record DialogFollowUp(DialogInput Input, int UtteranceId) : ConversationEvent;

    /// <summary>Internal (from the speaking task): a streamed utterance's sentences are all spoken (or the stream was cut).</summary>
    internal sealed record StreamedSpeechEnded(int UtteranceId) : ConversationEvent;

    private AgentUtterance SpeakStreamed(StreamedSayAction streamed)
    {
        CancelSilence();
        var utterance = new AgentUtterance(++_nextUtteranceId, streamed, _time.GetUtcNow());
        _utterances.Add(utterance);
        _playlist.Add(utterance);
        var id = utterance.Id;
        // The dialog's follow-up goes through the queue, so it is handled on the loop like any event.
        streamed.Completion.ContinueWith(
            t => { if (t.IsCompletedSuccessfully && t.Result is { } input) Post(new DialogFollowUp(input, id)); },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        _speakQueue.Writer.TryWrite((utterance, _speakCts.Token));
        return utterance;
    }

    private void OnFollowUp(DialogFollowUp followUp)
    {
        if (_stopped || _setup.Dialog.State == DialogState.Ended) return;
        var first = Apply(_setup.Dialog.Handle(followUp.Input), measured: false);
        // A reply that was only a tool call spoke nothing: the turn's reply is what the follow-up says.
        if (first is not null && _pendingTurn is { } pending && pending.ReplyUtteranceId == followUp.UtteranceId
            && _utterances.FirstOrDefault(u => u.Id == followUp.UtteranceId) is { FirstAudioAt: null })
            _pendingTurn = pending with { ReplyUtteranceId = first.Id };
    }

    private async Task OnStreamedSpeechEndedAsync(StreamedSpeechEnded ended)
    {
        var utterance = _playlist.FirstOrDefault(u => u.Id == ended.UtteranceId);
        if (utterance is null || !utterance.StreamOpen) return; // cut already (barge-in, hang-up)
        EndStream(utterance);
        if (utterance.Sentences.Count == 0)
        {
            _playlist.Remove(utterance); // nothing was said: nothing to wait for
            await OnAgentMaybeIdleAsync().ConfigureAwait(false);
            return;
        }
        if (!utterance.FullyPlayed) return; // the last mark completes it (OnMarkAsync)
        // Every mark came back before the stream ended: complete it as a mark would.
        utterance.PlayedAt ??= ended.At;
        var position = _playlist.IndexOf(utterance);
        foreach (var earlier in _playlist.Take(position)) { earlier.SentencesPlayed = earlier.Sentences.Count; earlier.PlayedAt ??= ended.At; }
        _playlist.RemoveRange(0, position + 1);
        await OnAgentMaybeIdleAsync().ConfigureAwait(false);
    }

    /// <summary>Closes a streamed utterance (ended or cut) and writes its transcript turn with the sentences produced.</summary>
    private void EndStream(AgentUtterance utterance)
    {
        if (utterance.Stream is null || !utterance.StreamOpen) return;
        utterance.StreamOpen = false;
        var text = utterance.Text;
        if (text.Length == 0 || utterance.Turn is not null) return;
        var turn = new TranscriptTurn { CallId = _setup.CallId, Speaker = Speaker.Agent, Text = text, AtMs = AtMs(utterance.CreatedAt) };
        utterance.Turn = turn;
        _writer.Enqueue("agent turn", ct => _setup.Recorder.AppendTurnAsync(_setup.CallId, turn, ct));
    }

    /// <summary>Speaking task: each sentence as the dialog produces it, with a mark after each.</summary>
    private async Task SpeakStreamedAsync(AgentUtterance utterance, CancellationToken token)
    {
        try
        {
            var started = _time.GetUtcNow();
            var first = true;
            var index = 0;
            await foreach (var sentence in utterance.Stream!.Sentences.WithCancellation(token).ConfigureAwait(false))
            {
                utterance.AddStreamedSentence(sentence);
                await foreach (var chunk in _setup.Synthesizer.SynthesizeAsync(sentence, token).ConfigureAwait(false))
                {
                    await _setup.Outbound.SendAudioAsync(chunk, token).ConfigureAwait(false);
                    if (first) { first = false; Post(new FirstAudioSent(utterance.Id, started)); }
                }
                await _setup.Outbound.SendMarkAsync(utterance.MarkName(index), token).ConfigureAwait(false);
                utterance.SentencesQueued = ++index;
            }
            Post(new StreamedSpeechEnded(utterance.Id));
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested) { }
        catch (Exception e) { Post(new SpeakingFailed(utterance.Id, e)); }
    }
}
