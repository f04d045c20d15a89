namespace CollectIq.Domain.Dunning;

/// <summary>Days-past-due thresholds (configuration section <c>Dunning</c>).</summary>
public sealed class DunningOptions
{
    public const string SectionName = "Dunning";

    /// <summary>First day past due that counts as STAGE_1 (default 1).</summary>
    public int Stage1FromDays { get; set; } = 1;
    /// <summary>First day past due that counts as STAGE_2 (default 31).</summary>
    public int Stage2FromDays { get; set; } = 31;
    /// <summary>First day past due that counts as STAGE_3 (default 61).</summary>
    public int Stage3FromDays { get; set; } = 61;

    public IEnumerable<string> Validate()
    {
        if (Stage1FromDays < 1) yield return "Dunning:Stage1FromDays must be at least 1.";
        if (Stage2FromDays <= Stage1FromDays) yield return "Dunning:Stage2FromDays must be greater than Stage1FromDays.";
        if (Stage3FromDays <= Stage2FromDays) yield return "Dunning:Stage3FromDays must be greater than Stage2FromDays.";
    }
}
