namespace CollectIq.Data.Seeding;

/// <summary>Configuration section <c>Demo</c>: <c>Demo:Seed=false</c> starts with an empty book.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";
    public bool Seed { get; set; } = true;
}
