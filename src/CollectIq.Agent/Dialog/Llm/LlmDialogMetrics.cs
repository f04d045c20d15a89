using System.Diagnostics.Metrics;
using CollectIq.Agent.Conversation;

namespace CollectIq.Agent.Dialog.Llm;

/// <summary>Counters of the LLM brain (meter <c>CollectIq.Agent</c>, exported at /metrics with the turn metrics).</summary>
public static class LlmDialogMetrics
{
    private static readonly Meter Meter = new(AgentMetrics.MeterName);

    /// <summary>LLM replies started.</summary>
    public static readonly Counter<long> Replies = Meter.CreateCounter<long>("collectiq.agent.llm.replies");

    /// <summary>Replies the deterministic dialog had to answer instead; tag <c>reason</c> (error, first-token-timeout, reply-timeout, malformed-tool-call, empty).</summary>
    public static readonly Counter<long> Fallbacks = Meter.CreateCounter<long>("collectiq.agent.llm.fallbacks");

    /// <summary>Sentences the guard kept from the payer; tag <c>reason</c> (forbidden-topic, amount, too-long, too-many).</summary>
    public static readonly Counter<long> SentencesDropped = Meter.CreateCounter<long>("collectiq.agent.llm.sentences_dropped");

    /// <summary>Tool calls handed to the deterministic layer; tag <c>tool</c>.</summary>
    public static readonly Counter<long> ToolCalls = Meter.CreateCounter<long>("collectiq.agent.llm.tool_calls");
}
