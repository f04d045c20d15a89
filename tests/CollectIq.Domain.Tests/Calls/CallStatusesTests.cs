using CollectIq.Domain.Calls;

namespace CollectIq.Domain.Tests.Calls;

public sealed class CallStatusesTests
{
    [Theory]
    [InlineData("queued", "initiated", true)]
    [InlineData("initiated", "ringing", true)]
    [InlineData("ringing", "in-progress", true)]
    [InlineData("queued", "completed", true)]
    [InlineData("ringing", "no-answer", true)]
    [InlineData("in-progress", "ringing", false)]
    [InlineData("ringing", "ringing", false)]
    [InlineData("completed", "failed", false)]
    [InlineData("busy", "in-progress", false)]
    [InlineData("queued", "bogus", false)]
    public void CanAdvance_OnlyForwardAndNeverPastAFinalStatus(string current, string next, bool expected) =>
        Assert.Equal(expected, CallStatuses.CanAdvance(current, next));

    [Theory]
    [InlineData("answered", "in-progress")]
    [InlineData(" Completed ", "completed")]
    [InlineData("no_answer", "no-answer")]
    [InlineData("cancelled", "canceled")]
    public void Normalize_TwiliosVariants_MapToStatusWords(string raw, string expected) =>
        Assert.Equal(expected, CallStatuses.Normalize(raw));

    [Fact]
    public void IsTerminal_ExactlyTheFinalStatuses()
    {
        Assert.Equal(["completed", "busy", "no-answer", "failed", "canceled"], CallStatuses.All.Where(CallStatuses.IsTerminal));
        Assert.True(CallStatuses.All.Where(s => !CallStatuses.IsTerminal(s)).Select(CallStatuses.Rank).SequenceEqual([0, 1, 2, 3]));
    }

    [Fact]
    public void OutcomeNames_WireRoundTrip()
    {
        foreach (var outcome in Enum.GetValues<CallOutcome>())
        {
            Assert.True(CallOutcomeNames.TryParse(outcome.ToWire(), out var parsed));
            Assert.Equal(outcome, parsed);
        }
        Assert.Equal("promise_to_pay", CallOutcome.PromiseToPay.ToWire());
    }
}
