using CollectIq.Domain.Promises;
using CollectIq.Outreach.Compliance;
using static CollectIq.Outreach.Tests.Candidates;

namespace CollectIq.Outreach.Tests.Compliance;

public class PayerStateRulesTests
{
    private static readonly DateTimeOffset Now = Local("America/New_York", 2026, 7, 14, 12, 0);

    [Fact]
    public void OptOut_OptedOutPayer_RefusedWithReason()
    {
        var payer = Payer();
        payer.OptedOutAt = Now.AddDays(-30);
        var verdict = new OptOutRule().Evaluate(For(payer, Now), Now);
        Assert.False(verdict.Allowed);
        Assert.Equal("opted-out", verdict.RuleName);
        Assert.Contains("opted out", verdict.Reason);
        Assert.True(new OptOutRule().Evaluate(For(Payer(), Now), Now).Allowed);
    }

    [Fact]
    public void OpenDispute_Disputed_Refused()
    {
        Assert.False(new OpenDisputeRule().Evaluate(For(Payer(), Now, dispute: true), Now).Allowed);
        Assert.True(new OpenDisputeRule().Evaluate(For(Payer(), Now), Now).Allowed);
    }

    [Fact]
    public void CallInProgress_Live_Refused()
    {
        Assert.False(new CallInProgressRule().Evaluate(For(Payer(), Now, inProgress: true), Now).Allowed);
        Assert.True(new CallInProgressRule().Evaluate(For(Payer(), Now), Now).Allowed);
    }

    [Theory]
    [InlineData(14, false)] // promised for today: still time to pay
    [InlineData(20, false)]
    [InlineData(13, true)]  // date passed: broken promise, callable again
    public void PendingPromise_BeforeAndAfterDate(int promisedDay, bool allowed)
    {
        var promise = new PaymentPromise { PayerId = 1, Amount = 100, PromisedDate = new DateOnly(2026, 7, promisedDay), State = PromiseState.Pending };
        var candidate = For(Payer(), Now, promises: [promise]);
        var verdict = new PendingPromiseRule().Evaluate(candidate, Now);
        Assert.Equal(allowed, verdict.Allowed);
        Assert.Equal(allowed, PendingPromiseRule.HasBrokenPromise(candidate, Now));
        if (!allowed) Assert.Equal(Local("America/New_York", 2026, 7, promisedDay + 1, 0, 0), verdict.NextAllowedAt);
    }

    [Fact]
    public void PendingPromise_KeptPromise_NotBroken()
    {
        var kept = new PaymentPromise { PayerId = 1, PromisedDate = new DateOnly(2026, 7, 1), State = PromiseState.Kept };
        Assert.False(PendingPromiseRule.HasBrokenPromise(For(Payer(), Now, promises: [kept]), Now));
    }

    [Theory]
    [InlineData(90, true)]
    [InlineData(45, false)]
    [InlineData(10, false)]
    public void DunningStage_DefaultCallsStage3Only(int daysPastDue, bool allowed)
    {
        var verdict = new DunningStageRule(new OutreachOptions()).Evaluate(For(Payer(daysPastDue: daysPastDue, asOf: Now), Now), Now);
        Assert.Equal(allowed, verdict.Allowed);
        if (!allowed) Assert.Contains("not a calling stage", verdict.Reason);
    }

    [Fact]
    public void DunningStage_NothingOpen_RefusedAndConfiguredStagesHonoured()
    {
        Assert.Contains("Nothing is past due", new DunningStageRule(new OutreachOptions()).Evaluate(For(Payer(open: 0), Now), Now).Reason);
        var options = new OutreachOptions { CallingStages = ["STAGE_2", "STAGE_3"] };
        Assert.True(new DunningStageRule(options).Evaluate(For(Payer(daysPastDue: 45, asOf: Now), Now), Now).Allowed);
    }

    [Fact]
    public void DialingPolicy_ReturnsFirstRefusalAndAllVerdicts()
    {
        var payer = Payer();
        payer.OptedOutAt = Now;
        var candidate = For(payer, Now, dispute: true);
        var policy = DialingPolicy.CreateDefault(new OutreachOptions());
        Assert.Equal("opted-out", policy.Evaluate(candidate, Now).RuleName);
        var refused = policy.EvaluateAll(candidate, Now).Where(v => !v.Allowed).Select(v => v.RuleName).ToList();
        Assert.Equal(["opted-out", "open-dispute"], refused);
        Assert.True(policy.Evaluate(For(Payer(), Now), Now).Allowed);
    }

    [Fact]
    public void Options_InvalidSettings_ClearMessages()
    {
        var options = new OutreachOptions { CallingStages = ["STAGE_9"] };
        options.CallingWindow.Default = new DailyWindow { Start = new(7, 0), End = new(22, 0) };
        options.Frequency.MaxAttempts = 10;
        options.Voicemail.CompanyName = "Acme Debt Recovery";
        var errors = options.Validate().ToList();
        Assert.Contains(errors, e => e.Contains("STAGE_9"));
        Assert.Contains(errors, e => e.Contains("before 08:00"));
        Assert.Contains(errors, e => e.Contains("after 21:00"));
        Assert.Contains(errors, e => e.Contains("MaxAttempts"));
        Assert.Contains(errors, e => e.Contains("reveals debt collection"));
        Assert.Empty(new OutreachOptions().Validate());
    }
}
