using Microsoft.Extensions.AI;

namespace CollectIq.Agent.Dialog.Llm;

/// <summary>
/// The LLM reply of turn <paramref name="Turn"/> is complete: the text that was streamed to speech
/// (after the guard) and the tool calls to validate. Handed back through <see cref="StreamedSayAction.Completion"/>.
/// </summary>
public sealed record LlmReplyCompleted(int Turn, string SpokenText, IReadOnlyList<FunctionCallContent> ToolCalls) : DialogInput;

/// <summary>The LLM reply of turn <paramref name="Turn"/> failed (<paramref name="Reason"/>: error, first-token timeout, reply timeout, empty).</summary>
public sealed record LlmReplyFailed(int Turn, string Reason, string SpokenText, Exception? Error = null) : DialogInput;
