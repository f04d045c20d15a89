using System.Collections.Concurrent;

namespace CollectIq.Simulator.Scripts;

/// <summary>What is known when a call is placed: the dialed number and the voice URL (which may carry a payer id).</summary>
public sealed record CalleeLookup(string To, string From, Uri? Url);

/// <summary>
/// Chooses the simulated callee's behaviour for each call placed: scripts by dialed number or by payer id, then a fallback. A payer id matches when the call's
/// voice URL carries it in its query (<c>payerId=42</c>) — the host's choice; by number is the reliable key.
/// Thread-safe; entries can change while calls run (they are read once, when a call is created).
/// </summary>
public sealed class CalleeScriptRegistry
{
    private readonly ConcurrentDictionary<string, CalleeScript> byNumber = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CalleeScript> byPayer = new(StringComparer.Ordinal);

    /// <summary>Used when nothing else matches: answers, listens, hangs up after 30 s.</summary>
    public CalleeScript Default { get; set; } = CalleeScript.ListensThenHangsUp(TimeSpan.FromSeconds(30));

    public CalleeScriptRegistry ForNumber(string e164, CalleeScript script)
    {
        byNumber[e164] = script;
        return this;
    }

    public CalleeScriptRegistry ForPayer(string payerId, CalleeScript script)
    {
        byPayer[payerId] = script;
        return this;
    }

    public bool Remove(string numberOrPayerId) => byNumber.TryRemove(numberOrPayerId, out _) | byPayer.TryRemove(numberOrPayerId, out _);

    public CalleeScript ScriptFor(CalleeLookup call)
    {
        if (byNumber.TryGetValue(call.To, out var script)) return script;
        var payerId = PayerIdIn(call.Url);
        if (payerId is not null && byPayer.TryGetValue(payerId, out script)) return script;
        return Default;
    }

    private static string? PayerIdIn(Uri? url)
    {
        if (url is null || url.Query.Length < 2) return null;
        foreach (var part in url.Query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            if (eq > 0 && string.Equals(Uri.UnescapeDataString(part[..eq]), "payerId", StringComparison.OrdinalIgnoreCase))
                return Uri.UnescapeDataString(part[(eq + 1)..]);
        }
        return null;
    }
}
