using CollectIq.Agent.Dialog;
using CollectIq.Domain.Calls;

namespace CollectIq.Agent.Tests.Dialog;

/// <summary>
/// Compliance invariants over thousands of seeded random conversations: whatever the payer says or
/// presses, the dialog never mentions the debt before right-party confirmation, and never records a
/// promise, dispute, paid claim or callback except in answer to its own read-back.
/// </summary>
public class DialogInvariantTests
{
    private static readonly string[] Phrases =
    [
        "yes speaking", "yes", "no", "wrong number", "who is this", "hold on a second", "my wife handles the bills",
        "i will pay on the second", "i can pay two hundred on friday", "i already paid last week", "i dispute this",
        "call me back tomorrow at three", "send me a link", "stop calling me", "i don't know", "what", "ten oh two",
        "the goods were broken", "the fifteenth", "two fifty", "no on monday", "repeat that", "",
    ];

    /// <summary>What a cooperative payer would answer in this state (so the walk reaches every outcome).</summary>
    private static string Cooperative(DialogState state, Random random) => state switch
    {
        DialogState.RightPartyCheck => "yes speaking",
        DialogState.Ask => new[] { "i can pay two hundred on friday", "i already paid last week", "i dispute this", "call me back tomorrow at three", "send me a link" }[random.Next(5)],
        DialogState.AskDisputeInvoice => "ten oh two",
        DialogState.AskDisputeReason => "the goods were broken",
        DialogState.AskPromiseAmount => "two fifty",
        DialogState.AskPromiseDate => "the fifteenth",
        DialogState.AskPaidDate => "yesterday",
        DialogState.AskCallbackTime => "tomorrow at three",
        DialogState.AskPaidReference => "no",
        _ => "yes",
    };

    private static readonly string[] DebtWords = ["debt", "balance", "invoice", "owe", "dollar", "payment", "overdue", "collect"];

    private static readonly HashSet<CallOutcome> ConfirmedOutcomes =
        [CallOutcome.PromiseToPay, CallOutcome.PartialPayment, CallOutcome.Dispute, CallOutcome.AlreadyPaid, CallOutcome.Callback];

    [Fact]
    public void Handle_RandomConversations_NeverBreakTheRules()
    {
        var random = new Random(20261125);
        var recorded = new Dictionary<CallOutcome, int>();
        for (var conversation = 0; conversation < 3000; conversation++)
        {
            var h = new DialogHarness();
            var steps = new List<string>();
            for (var step = 0; step < 30 && h.Dialog.State != DialogState.Ended; step++)
            {
                var before = h.Dialog.State;
                DialogInput input = random.Next(10) switch
                {
                    < 4 => new PayerSaid(Cooperative(before, random), 0.6 + 0.4 * random.NextDouble()),
                    4 => new SilenceTimedOut(),
                    5 => new KeyPressed("0123456789*#"[random.Next(12)]),
                    _ => new PayerSaid(Phrases[random.Next(Phrases.Length)], random.NextDouble()),
                };
                steps.Add(input.ToString());
                var response = h.Add(input);

                if (before == DialogState.RightPartyCheck && response.State is DialogState.RightPartyCheck or DialogState.Ended)
                {
                    foreach (var text in response.SaidTexts)
                        foreach (var word in DebtWords)
                            Assert.False(text.Contains(word, StringComparison.OrdinalIgnoreCase),
                                $"'{word}' before right-party confirmation in conversation {conversation}: {string.Join(" → ", steps)}");
                }
                foreach (var record in response.Actions.OfType<RecordOutcomeAction>().Where(r => ConfirmedOutcomes.Contains(r.Outcome)))
                {
                    Assert.True(before.ToString().StartsWith("Confirm", StringComparison.Ordinal),
                        $"{record.Outcome} recorded from {before} without a read-back in conversation {conversation}: {string.Join(" → ", steps)}");
                    Assert.True(input is KeyPressed { Digit: '1' } || input is PayerSaid { Confidence: >= 0.6 },
                        $"{record.Outcome} recorded on a doubtful answer: {input}");
                }
                Assert.True(h.Outcomes.Count <= 1, "at most one outcome per call");
            }
            foreach (var outcome in h.Outcomes) recorded[outcome.Outcome] = recorded.GetValueOrDefault(outcome.Outcome) + 1;
        }
    
        // The walk really reaches the paths it guards (otherwise this test could not fail).
        foreach (var outcome in new[] { CallOutcome.PromiseToPay, CallOutcome.Dispute, CallOutcome.Callback, CallOutcome.OptOut, CallOutcome.WrongParty })
            Assert.True(recorded.GetValueOrDefault(outcome) >= 20, $"{outcome} reached only {recorded.GetValueOrDefault(outcome)} times");
    }
}
