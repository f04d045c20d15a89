using CollectIq.Agent.Understanding;
using CollectIq.Speech.Recognition;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CollectIq.Agent.Dialog.Llm;

/// <summary>
/// The LLM brain behind the same contract as <see cref="CollectionsDialog"/>, which it wraps and which
/// stays in charge of everything regulated: the greeting and right-party gate, the disclosure (again
/// if cut), the balance, the keypad menu, silence, opt-outs the rules hear clearly, and the read-back
/// and yes/no (or keypad) confirmation of every promise, payment, dispute, callback, payment link and
/// opt-out before anything is recorded. The LLM only talks in the free conversation
/// (<see cref="DialogState.Ask"/> after the balance): its reply streams sentence by sentence into speech
/// (<see cref="StreamedSayAction"/>) through the <see cref="ReplyGuard"/>, and its tool calls become
/// proposals the state machine validates and confirms (<see cref="LlmTools"/>). A failed reply (provider
/// error, timeout, malformed tool call, nothing usable) is answered by the state machine from the same
/// state; after <see cref="LlmDialogOptions.MaxFailuresPerCall"/> failures the call stays deterministic.
/// One instance per call, fed from the engine's single loop (not thread-safe); the reply itself runs off it.
/// </summary>
public sealed class LlmCollectionsDialog : ICollectionsDialog
{
    /// <summary>Tag of streamed LLM replies (the engine reports a cut one back with it).</summary>
    public const string ReplyTag = "llm-reply";

    private const int MaxHistoryMessages = 40;

    private readonly CollectionsDialog _rules;
    private readonly IChatClient _chat;
    private readonly IUtteranceUnderstander _understander;
    private readonly TimeProvider _time;
    private readonly DialogOptions _dialogOptions;
    private readonly LlmDialogOptions _options;
    private readonly string _model;
    private readonly int _callId;
    private readonly ILogger _logger;

    private readonly List<ChatMessage> _history = [];
    private readonly List<decimal> _payerAmounts = [];
    private string? _systemPrompt;
    private LlmReply? _current;
    private PayerSaid? _currentSaid;
    private int _turn;

    public LlmCollectionsDialog(DialogContext context, IChatClient chat, string model, IUtteranceUnderstander understander, TimeProvider time,
        DialogOptions? dialogOptions = null, LlmDialogOptions? options = null, int callId = 0, ILogger? logger = null)
    {
        _dialogOptions = dialogOptions ?? new DialogOptions();
        _rules = new CollectionsDialog(context, understander, time, _dialogOptions);
        _chat = chat;
        _model = model;
        _understander = understander;
        _time = time;
        _options = options ?? new LlmDialogOptions();
        _callId = callId;
        _logger = logger ?? NullLogger.Instance;
    }

    public DialogState State => _rules.State;
    /// <summary>
    /// The state machine's listening needs, except in the free conversation the LLM answers: there the
    /// recognizer uses its general language model (<see cref="ExpectedAnswer.Open"/>), not the intent
    /// grammar, since the payer may say anything.
    /// </summary>
    public ListenSpec Listen => !Degraded && _rules.InFreeConversation ? _rules.Listen with { Expected = ExpectedAnswer.Open } : _rules.Listen;

    /// <summary>Failed LLM replies on this call.</summary>
    public int Failures { get; private set; }

    /// <summary>True once the call stays deterministic (too many failures).</summary>
    public bool Degraded { get; private set; }

    /// <summary>True while an LLM reply is being generated (its completion not yet handled).</summary>
    public bool ReplyPending => _current is not null;

    /// <summary>The conversation as the LLM sees it (after the gate): system prompt, payer and agent turns, tool calls.</summary>
    public IReadOnlyList<ChatMessage> History => _history;

    public DialogResponse Start() => _rules.Start();

    public DialogResponse Handle(DialogInput input)
    {
        var response = HandleCore(input);
        return response.Listen == Listen ? response : response with { Listen = Listen };
    }

    private DialogResponse HandleCore(DialogInput input)
    {
        switch (input)
        {
            case LlmReplyCompleted completed: return OnCompleted(completed);
            case LlmReplyFailed failed: return OnFailed(failed);
            case AgentInterrupted { Tag: ReplyTag } cut: return OnReplyCut(cut);
            case PayerSaid said when UseLlm(said): return StartReply(said);
        }
        if (input is PayerSaid or KeyPressed or PayerHungUp) CancelReply("superseded");
        var postGate = _rules.State is not (DialogState.NotStarted or DialogState.RightPartyCheck);
        if (postGate && input is PayerSaid payer) Remember(ChatRole.User, payer.Text);
        return Observe(_rules.Handle(input));
    }

    /// <summary>
    /// The LLM answers only in the free conversation, only a clear recognition (a doubtful one is
    /// re-asked by the rules), and never a clear opt-out or a "hold on" (the rules act on those at once).
    /// </summary>
    private bool UseLlm(PayerSaid said)
    {
        if (Degraded || !_rules.InFreeConversation || said.Confidence < _dialogOptions.AcceptConfidence) return false;
        var meaning = _understander.Understand(said.Text, said.Confidence, said.Alternatives ?? [], _rules.LocalToday);
        if (meaning.Amount is { } amount && amount > 0) _payerAmounts.Add(amount);
        if (meaning.Hold) return false;
        return !(meaning.Intent == Intent.OptOut && meaning.Confidence >= _dialogOptions.AcceptConfidence);
    }

    private DialogResponse StartReply(PayerSaid said)
    {
        CancelReply("superseded");
        _rules.NoteAnswered();
        Remember(ChatRole.User, said.Text);
        _systemPrompt ??= LlmPrompt.System(_rules.Context, _rules.LocalToday, _dialogOptions, _options);
        var messages = new List<ChatMessage>(_history.Count + 1) { new(ChatRole.System, _systemPrompt) };
        messages.AddRange(_history);
        var chatOptions = new ChatOptions
        {
            ModelId = _model,
            Temperature = (float?)_options.Temperature,
            MaxOutputTokens = _options.MaxOutputTokens,
            Tools = [.. LlmTools.Declarations],
            ToolMode = ChatToolMode.Auto,
        };
        var guard = new ReplyGuard(_rules.Context, _options.MaxSentenceChars, _payerAmounts);
        var callId = _callId;
        var logger = _logger;
        _current = LlmReply.Start(++_turn, _chat, messages, chatOptions, _options, guard, _time, reason =>
        {
            LlmDialogMetrics.SentencesDropped.Add(1, new KeyValuePair<string, object?>("reason", reason));
            LlmDialogLog.SentenceDropped(logger, callId, reason);
        });
        _currentSaid = said;
        LlmDialogMetrics.Replies.Add(1);
        return new DialogResponse([new StreamedSayAction(_current.Sentences, _current.Completion, ReplyTag)], _rules.Listen, _rules.State);
    }

    private DialogResponse OnCompleted(LlmReplyCompleted completed)
    {
        if (!IsCurrent(completed.Turn)) return Nothing();
        var said = _currentSaid;
        _current = null;
        _currentSaid = null;
        if (completed.SpokenText.Length > 0) Remember(ChatRole.Assistant, completed.SpokenText);
        if (completed.ToolCalls.Count == 0) return Nothing(); // free talk: the payer answers next
        var call = completed.ToolCalls[0]; // one at a time: the first is confirmed, the model is asked for one only
        if (!LlmTools.TryPropose(call, _rules, out var response, out _))
            return Fallback(completed.Turn, "malformed-tool-call", said, null);
        LlmDialogMetrics.ToolCalls.Add(1, new KeyValuePair<string, object?>("tool", call.Name));
        LlmDialogLog.ToolCall(_logger, _callId, call.Name);
        _history.Add(new ChatMessage(ChatRole.Assistant, [call]));
        _history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, "Handed to the system, which now checks it and asks the payer to confirm in fixed words.")]));
        return Observe(response);
    }

    private DialogResponse OnFailed(LlmReplyFailed failed)
    {
        if (!IsCurrent(failed.Turn)) return Nothing();
        var said = _currentSaid;
        _current = null;
        _currentSaid = null;
        if (failed.SpokenText.Length > 0) Remember(ChatRole.Assistant, failed.SpokenText);
        return Fallback(failed.Turn, failed.Reason, said, failed.Error);
    }

    /// <summary>The state machine answers what the payer said, from the state the call is in.</summary>
    private DialogResponse Fallback(int turn, string reason, PayerSaid? said, Exception? error)
    {
        Failures++;
        LlmDialogMetrics.Fallbacks.Add(1, new KeyValuePair<string, object?>("reason", reason));
        LlmDialogLog.Fallback(_logger, error, _callId, turn, reason, Failures, _options.MaxFailuresPerCall);
        if (Failures >= _options.MaxFailuresPerCall && !Degraded)
        {
            Degraded = true;
            LlmDialogLog.Degraded(_logger, _callId, Failures);
        }
        return said is null ? Nothing() : Observe(_rules.Handle(said));
    }

    private DialogResponse OnReplyCut(AgentInterrupted cut)
    {
        // The payer talked over the reply: stop generating; the model remembers only what was heard.
        if (_current is { } reply)
        {
            CancelReply("barge-in");
            if (cut.HeardText.Length > 0) Remember(ChatRole.Assistant, cut.HeardText + " (interrupted)");
        }
        return Observe(_rules.Handle(cut));
    }

    private void CancelReply(string reason)
    {
        if (_current is not { } reply) return;
        reply.Cancel();
        LlmDialogLog.Cancelled(_logger, _callId, reply.Turn, reason);
        _current = null;
        _currentSaid = null;
    }

    private bool IsCurrent(int turn) => _current is { } reply && reply.Turn == turn && !reply.Cancelled;

    /// <summary>What the state machine said after the gate goes into the model's history (it must know what the payer heard).</summary>
    private DialogResponse Observe(DialogResponse response)
    {
        if (response.State is not (DialogState.RightPartyCheck or DialogState.NotStarted))
            foreach (var text in response.SaidTexts) Remember(ChatRole.Assistant, text);
        return response;
    }

    private void Remember(ChatRole role, string text)
    {
        _history.Add(new ChatMessage(role, text));
        if (_history.Count <= MaxHistoryMessages) return;
        _history.RemoveRange(0, _history.Count - MaxHistoryMessages);
        // A tool result must follow its call: never start the window with an orphan one.
        while (_history.Count > 0 && (_history[0].Role == ChatRole.Tool || _history[0].Contents.Any(c => c is FunctionCallContent))) _history.RemoveAt(0);
    }

    private DialogResponse Nothing() => new([], _rules.Listen, _rules.State);
}
