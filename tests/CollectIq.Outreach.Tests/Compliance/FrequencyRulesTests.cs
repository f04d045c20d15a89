using CollectIq.Domain.Calls;
using CollectIq.Outreach.Compliance;
using static CollectIq.Outreach.Tests.Candidates;

namespace CollectIq.Outreach.Tests.Compliance;

public class FrequencyRulesTests
{
    private const string Zone = "America/New_York";
    private static readonly FrequencyCapRule Cap = new(new OutreachOptions());
    private static readonly RecentConversationRule Quiet = new(new OutreachOptions());

    private static CallAttempt NoAnswerOn(int day, int hour = 10) => new(Local(Zone, 2026, 7, day, hour, 0), CallStatuses.NoAnswer, CallOutcome.NoContact);

    [Fact]
    public void FrequencyCap_SixAttemptsInSevenDays_Allowed()
    {
        var attempts = Enumerable.Range(1, 6).Select(d => NoAnswerOn(d)).ToList();
        var now = Local(Zone, 2026, 7, 7, 12, 0);
        Assert.True(Cap.Evaluate(For(Payer(), now, attempts), now).Allowed);
    }

    [Fact]
    public void FrequencyCap_SeventhDayAfterSevenAttempts_RefusedUntilOldestLeavesThePeriod()
    {
        // One attempt a day on 1..7 July: on 7 July (evening) no 8th call; on 8 July the 1 July attempt is outside D-6..D.
        var attempts = Enumerable.Range(1, 7).Select(d => NoAnswerOn(d)).ToList();
        var sameDay = Local(Zone, 2026, 7, 7, 20, 0);
        var verdict = Cap.Evaluate(For(Payer(), sameDay, attempts), sameDay);
        Assert.False(verdict.Allowed);
        Assert.Equal(FrequencyCapRule.RuleName, verdict.RuleName);
        Assert.Contains("7 call attempts", verdict.Reason);
        Assert.Equal(Local(Zone, 2026, 7, 8, 0, 0), verdict.NextAllowedAt);

        var lastMinute = Local(Zone, 2026, 7, 7, 23, 59);
        Assert.False(Cap.Evaluate(For(Payer(), lastMinute, attempts), lastMinute).Allowed);
        var nextDay = Local(Zone, 2026, 7, 8, 0, 0);
        Assert.True(Cap.Evaluate(For(Payer(), nextDay, attempts), nextDay).Allowed);
    }

    [Fact]
    public void FrequencyCap_SevenAttemptsInOneDay_BlocksSixMoreDays()
    {
        var attempts = Enumerable.Range(8, 7).Select(h => NoAnswerOn(1, h)).ToList();
        var day7 = Local(Zone, 2026, 7, 7, 12, 0);
        var verdict = Cap.Evaluate(For(Payer(), day7, attempts), day7);
        Assert.False(verdict.Allowed);
        Assert.Equal(Local(Zone, 2026, 7, 8, 0, 0), verdict.NextAllowedAt);
        var day8 = Local(Zone, 2026, 7, 8, 8, 0);
        Assert.True(Cap.Evaluate(For(Payer(), day8, attempts), day8).Allowed);
    }

    [Fact]
    public void FrequencyCap_CountsDaysInPayerZone()
    {
        // 7 attempts at 22:30 New York time on 1..7 July = 02:30 UTC the next day; in the payer's calendar they are 1..7 July.
        var attempts = Enumerable.Range(1, 7).Select(d => NoAnswerOn(d, 22)).ToList();
        var julyEighthEarlyUtc = Local(Zone, 2026, 7, 7, 23, 30); // 03:30 UTC on 8 July, still 7 July in New York
        Assert.False(Cap.Evaluate(For(Payer(), julyEighthEarlyUtc, attempts), julyEighthEarlyUtc).Allowed);
    }

    [Fact]
    public void RecentConversation_WithinSevenDaysCountingConversationDay_Refused()
    {
        var talked = new CallAttempt(Local(Zone, 2026, 7, 1, 15, 0), CallStatuses.Completed, CallOutcome.Callback, RightPartyConversation: true);
        var day7 = Local(Zone, 2026, 7, 7, 20, 59);
        var verdict = Quiet.Evaluate(For(Payer(), day7, [talked]), day7);
        Assert.False(verdict.Allowed);
        Assert.Equal(RecentConversationRule.RuleName, verdict.RuleName);
        Assert.Contains("2026-07-01", verdict.Reason);
        Assert.Equal(Local(Zone, 2026, 7, 8, 0, 0), verdict.NextAllowedAt);
        var day8 = Local(Zone, 2026, 7, 8, 8, 0);
        Assert.True(Quiet.Evaluate(For(Payer(), day8, [talked]), day8).Allowed);
    }

    [Fact]
    public void RecentConversation_VoicemailOrWrongParty_DoesNotStartQuietPeriod()
    {
        var voicemail = CallAttempt.FromCall(new Call { CreatedAt = Local(Zone, 2026, 7, 6, 10, 0), Status = CallStatuses.Completed, AnsweredBy = "machine_end_beep", Outcome = CallOutcome.Voicemail });
        var wrongParty = CallAttempt.FromCall(new Call { CreatedAt = Local(Zone, 2026, 7, 6, 11, 0), Status = CallStatuses.Completed, AnsweredBy = "human", Outcome = CallOutcome.WrongParty });
        var talked = CallAttempt.FromCall(new Call { CreatedAt = Local(Zone, 2026, 7, 6, 12, 0), Status = CallStatuses.Completed, AnsweredBy = "human", Outcome = CallOutcome.PromiseToPay });
        Assert.False(voicemail.RightPartyConversation);
        Assert.False(wrongParty.RightPartyConversation);
        Assert.True(talked.RightPartyConversation);
        var now = Local(Zone, 2026, 7, 7, 12, 0);
        Assert.True(Quiet.Evaluate(For(Payer(), now, [voicemail, wrongParty]), now).Allowed);
        Assert.False(Quiet.Evaluate(For(Payer(), now, [voicemail, wrongParty, talked]), now).Allowed);
    }
}
