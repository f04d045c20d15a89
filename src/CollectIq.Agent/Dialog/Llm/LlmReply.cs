using System.Threading.Channels;
using Microsoft.Extensions.AI;

namespace CollectIq.Agent.Dialog.Llm;

/// <summary>
/// One streamed LLM reply: reads the chat-completions stream off the engine's loop, cuts the text
/// into sentences, passes each through the <see cref="ReplyGuard"/> into <see cref="Sentences"/> (the
/// engine speaks the first while the rest is generated), collects the tool calls, and ends with
/// <see cref="Completion"/>: <see cref="LlmReplyCompleted"/>, <see cref="LlmReplyFailed"/> (error,
/// first-token timeout, reply timeout, nothing usable) or null once <see cref="Cancel"/>led (barge-in,
/// hang-up, a newer payer turn). Timeouts run on the <see cref="TimeProvider"/>.
/// </summary>
internal sealed class LlmReply
{
    private readonly Channel<string> _sentences = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _cancel = new();
    private readonly TaskCompletionSource<DialogInput?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Turn { get; }
    public IAsyncEnumerable<string> Sentences => _sentences.Reader.ReadAllAsync();
    public Task<DialogInput?> Completion => _completion.Task;
    public bool Cancelled => _cancel.IsCancellationRequested;

    /// <summary>Called with the guard's reason for every dropped sentence (off the loop; log and count only).</summary>
    public Action<string>? OnDropped { get; init; }

    private LlmReply(int turn) => Turn = turn;

    public static LlmReply Start(int turn, IChatClient chat, IReadOnlyList<ChatMessage> messages, ChatOptions chatOptions,
        LlmDialogOptions options, ReplyGuard guard, TimeProvider time, Action<string>? onDropped)
    {
        var reply = new LlmReply(turn) { OnDropped = onDropped };
        _ = Task.Run(() => reply.RunAsync(chat, messages, chatOptions, options, guard, time));
        return reply;
    }

    public void Cancel()
    {
        try { _cancel.Cancel(); } catch (ObjectDisposedException) { }
    }

    private async Task RunAsync(IChatClient chat, IReadOnlyList<ChatMessage> messages, ChatOptions chatOptions, LlmDialogOptions options, ReplyGuard guard, TimeProvider time)
    {
        using var firstToken = new CancellationTokenSource(TimeSpan.FromMilliseconds(options.FirstTokenTimeoutMs), time);
        using var total = new CancellationTokenSource(TimeSpan.FromMilliseconds(options.ReplyTimeoutMs), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_cancel.Token, firstToken.Token, total.Token);
        var splitter = new StreamingSentenceSplitter();
        var spoken = new List<string>();
        var calls = new List<FunctionCallContent>();
        var started = false;
        DialogInput? result;
        try
        {
            await foreach (var update in chat.GetStreamingResponseAsync(messages, chatOptions, linked.Token).ConfigureAwait(false))
            {
                if (!started) { started = true; firstToken.CancelAfter(Timeout.InfiniteTimeSpan); }
                foreach (var content in update.Contents)
                {
                    if (content is FunctionCallContent call) calls.Add(call);
                }
                var text = update.Text;
                if (text.Length > 0) Emit(splitter.Add(text), guard, options, spoken);
            }
            Emit(splitter.Flush(), guard, options, spoken);
            var said = string.Join(' ', spoken);
            result = spoken.Count == 0 && calls.Count == 0
                ? new LlmReplyFailed(Turn, "empty", said)
                : new LlmReplyCompleted(Turn, said, calls);
        }
        catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
        {
            result = null;
        }
        catch (OperationCanceledException) when (firstToken.IsCancellationRequested && !started)
        {
            result = new LlmReplyFailed(Turn, "first-token-timeout", string.Join(' ', spoken));
        }
        catch (OperationCanceledException) when (total.IsCancellationRequested)
        {
            result = new LlmReplyFailed(Turn, "reply-timeout", string.Join(' ', spoken));
        }
        catch (Exception e)
        {
            result = new LlmReplyFailed(Turn, "error", string.Join(' ', spoken), e);
        }
        _sentences.Writer.TryComplete();
        _completion.TrySetResult(_cancel.IsCancellationRequested ? null : result);
    }

    private void Emit(IReadOnlyList<string> sentences, ReplyGuard guard, LlmDialogOptions options, List<string> spoken)
    {
        foreach (var sentence in sentences)
        {
            if (_cancel.IsCancellationRequested) return;
            var checkedSentence = guard.Check(sentence, out var dropReason);
            if (checkedSentence is null)
            {
                if (dropReason is not null) OnDropped?.Invoke(dropReason);
                continue;
            }
            if (spoken.Count >= options.MaxReplySentences) { OnDropped?.Invoke("too-many"); continue; }
            spoken.Add(checkedSentence);
            _sentences.Writer.TryWrite(checkedSentence);
        }
    }
}
