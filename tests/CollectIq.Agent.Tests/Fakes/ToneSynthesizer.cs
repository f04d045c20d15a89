using System.Runtime.CompilerServices;
using CollectIq.Agent.Conversation;

namespace CollectIq.Agent.Tests.Fakes;

/// <summary>
/// Test synthesizer: µ-law silence proportional to the text length (one 400-byte chunk per 20
/// characters), optionally held at a gate so a test can cancel it mid-sentence.
/// </summary>
internal sealed class ToneSynthesizer : IAgentSynthesizer
{
    public List<string> Sentences { get; } = [];
    public int Cancellations;
    /// <summary>When set, every chunk after the first waits for this task (so synthesis is "in flight").</summary>
    public TaskCompletionSource? Gate { get; set; }

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> SynthesizeAsync(string sentence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        lock (Sentences) Sentences.Add(sentence);
        var chunks = Math.Max(1, sentence.Length / 20);
        for (var i = 0; i < chunks; i++)
        {
            if (i > 0 && Gate is { } gate)
            {
                try { await gate.Task.WaitAsync(cancellationToken); }
                catch (OperationCanceledException) { Interlocked.Increment(ref Cancellations); throw; }
            }
            yield return new byte[400].AsMemory();
        }
    }
}
