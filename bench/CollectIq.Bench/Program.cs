using BenchmarkDotNet.Running;

// Load commands first (quick, print a figure), BenchmarkDotNet for everything else.
if (args.FirstOrDefault() == "outreach-plan") return CollectIq.Bench.Outreach.OutreachPlanningLoad.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(CollectIq.Bench.Outreach.OutreachPlanningBenchmark).Assembly).Run(args);
return 0;
