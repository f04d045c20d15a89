using CollectIq.Domain.Dunning;

namespace CollectIq.Outreach.Compliance;

/// <summary>Only payers in a calling stage (Outreach:CallingStages, default STAGE_3) are called.</summary>
public sealed class DunningStageRule(OutreachOptions options) : IDialingRule
{
    public const string RuleName = "dunning-stage";
    private readonly HashSet<DunningStage> _stages = options.ParsedCallingStages().ToHashSet();
    private readonly string _list = string.Join(", ", options.ParsedCallingStages().Select(s => s.ToWire()));

    public string Name => RuleName;

    public RuleVerdict Evaluate(DialingCandidate candidate, DateTimeOffset now)
    {
        var stage = candidate.Dunning.Stage;
        if (stage is null) return RuleVerdict.Refuse(Name, "Nothing is past due.");
        return _stages.Contains(stage.Value)
            ? RuleVerdict.Allow(Name)
            : RuleVerdict.Refuse(Name, $"{stage.Value.ToWire()} ({candidate.Dunning.DaysPastDue} days past due) is not a calling stage; calling stages: {_list}.");
    }
}
