using System.Diagnostics;
using CollectIq.Outreach;
using CollectIq.Outreach.Compliance;
using CollectIq.Outreach.Planning;

namespace CollectIq.Bench.Outreach;

/// <summary>
/// <c>dotnet run -c Release --project bench/CollectIq.Bench -- outreach-plan [payers=100000] [runs=5]</c>:
/// times one planning pass (policy on every payer, zones from phone numbers, retries, ordering) over a fresh book.
/// </summary>
public static class OutreachPlanningLoad
{
    public static int Run(string[] args)
    {
        var payers = args.Length > 0 ? int.Parse(args[0]) : 100_000;
        var runs = args.Length > 1 ? int.Parse(args[1]) : 5;
        var options = new OutreachOptions();
        var planner = new OutreachPlanner(options, DialingPolicy.CreateDefault(options));
        // 15:00 UTC on a Tuesday: open on the East Coast, closed in Hawaii and Alaska, so every rule does real work.
        var now = new DateTimeOffset(2026, 7, 14, 15, 0, 0, TimeSpan.Zero);

        planner.Plan(OutreachBook.Create(1_000, now, seed: 1), now); // warm-up: JIT, time-zone and phone metadata caches
        var times = new List<double>();
        OutreachPlan? plan = null;
        for (var r = 0; r < runs; r++)
        {
            var book = OutreachBook.Create(payers, now, seed: 42 + r); // fresh candidates: zones are resolved inside the timed pass
            var sw = Stopwatch.StartNew();
            plan = planner.Plan(book, now);
            sw.Stop();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"outreach-plan: {payers:N0} payers, {runs} runs, {Environment.ProcessorCount} cores");
        Console.WriteLine($"  pass time ms: min {times[0]:F0}, median {times[times.Count / 2]:F0}, max {times[^1]:F0}");
        Console.WriteLine($"  last pass: {plan!.Call.Count:N0} to call, {plan.Skipped.Count:N0} skipped");
        foreach (var g in plan.Skipped.GroupBy(s => s.Rule).OrderByDescending(g => g.Count()))
            Console.WriteLine($"    {g.Key,-20} {g.Count(),7:N0}");
        return times[times.Count / 2] < 2000 ? 0 : 1;
    }
}
