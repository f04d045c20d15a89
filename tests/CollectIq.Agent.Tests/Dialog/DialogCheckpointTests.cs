using CollectIq.Agent.Dialog;

namespace CollectIq.Agent.Tests.Dialog;

/// <summary>Restoring a checkpoint (split-answer merge) makes the dialog behave exactly as if the detour never happened.</summary>
public class DialogCheckpointTests
{
    public static TheoryData<string[]> Detours => new()
    {
        new[] { "no" },                                   // the bare-no check-back
        new[] { "yes" },                                  // right party confirmed, disclosure said
        new[] { "what", "huh" },                          // failures up to keypad mode
    };

    [Theory]
    [MemberData(nameof(Detours))]
    public void Restore_AfterDetour_LaterTurnsAsIfItNeverHappened(string[] detour)
    {
        var straight = new DialogHarness();
        var detoured = new DialogHarness();
        var checkpoint = detoured.Dialog.Checkpoint();
        foreach (var text in detour) detoured.Say(text, confidence: text is "what" or "huh" ? 0.2 : 0.95);
        detoured.Dialog.Restore(checkpoint);
        Assert.Equal(DialogState.RightPartyCheck, detoured.Dialog.State);

        foreach (var step in new[] { "no", "yes speaking", "I can pay fifty dollars next friday", "yes" })
        {
            var expected = straight.Say(step);
            var actual = detoured.Say(step);
            Assert.Equal(expected.SaidTexts, actual.SaidTexts);
            Assert.Equal(expected.State, actual.State);
        }
        Assert.Equal(straight.Outcomes.Select(o => o.Outcome), detoured.Outcomes.Skip(detoured.Outcomes.Count - straight.Outcomes.Count).Select(o => o.Outcome));
    }

    [Fact]
    public void Restore_ForeignCheckpoint_Throws()
    {
        var h = new DialogHarness();
        Assert.Throws<ArgumentException>(() => h.Dialog.Restore(new object()));
    }
}
