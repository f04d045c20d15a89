namespace CollectIq.Bench.MediaStreams;

/// <summary>--name value pairs.</summary>
public sealed class BenchArguments(Dictionary<string, string> values)
{
    public static BenchArguments Parse(IEnumerable<string> args)
    {
        var list = args.ToList();
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < list.Count; i++)
        {
            if (!list[i].StartsWith("--")) throw new ArgumentException($"unexpected argument '{list[i]}'");
            values[list[i][2..]] = i + 1 < list.Count && !list[i + 1].StartsWith("--") ? list[++i] : "true";
        }
        return new BenchArguments(values);
    }

    public int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v) : fallback;
    public string? String(string name) => values.GetValueOrDefault(name);
}
