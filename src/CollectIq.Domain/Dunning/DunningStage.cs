namespace CollectIq.Domain.Dunning;

/// <summary>Stage of the dunning cycle, from the oldest open invoice's days past due.</summary>
public enum DunningStage
{
    Stage1 = 1,
    Stage2 = 2,
    Stage3 = 3,
}

public static class DunningStageNames
{
    /// <summary>The wire name used by the API and the web app: STAGE_1..STAGE_3.</summary>
    public static string ToWire(this DunningStage stage) => stage switch
    {
        DunningStage.Stage1 => "STAGE_1",
        DunningStage.Stage2 => "STAGE_2",
        DunningStage.Stage3 => "STAGE_3",
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };

    public static bool TryParse(string? text, out DunningStage stage)
    {
        stage = default;
        switch (text?.Trim().ToUpperInvariant())
        {
            case "STAGE_1": case "1": stage = DunningStage.Stage1; return true;
            case "STAGE_2": case "2": stage = DunningStage.Stage2; return true;
            case "STAGE_3": case "3": stage = DunningStage.Stage3; return true;
            default: return false;
        }
    }
}
