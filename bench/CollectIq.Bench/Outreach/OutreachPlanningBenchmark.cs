using BenchmarkDotNet.Attributes;
using CollectIq.Outreach;
using CollectIq.Outreach.Compliance;
using CollectIq.Outreach.Planning;

namespace CollectIq.Bench.Outreach;

/// <summary>BenchmarkDotNet form of the planning pass: <c>dotnet run -c Release --project bench/CollectIq.Bench -- --filter *OutreachPlanning*</c>.</summary>
[ShortRunJob, MemoryDiagnoser]
public class OutreachPlanningBenchmark
{
    private readonly DateTimeOffset _now = new(2026, 7, 14, 15, 0, 0, TimeSpan.Zero);
    private OutreachPlanner _planner = null!;
    private List<CollectIq.Outreach.Compliance.DialingCandidate> _book = null!;

    [Params(100_000)] public int Payers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = new OutreachOptions();
        _planner = new OutreachPlanner(options, DialingPolicy.CreateDefault(options));
        _book = OutreachBook.Create(Payers, _now);
    }

    [Benchmark]
    public int PlanOnePass() => _planner.Plan(_book, _now).Call.Count;
}
