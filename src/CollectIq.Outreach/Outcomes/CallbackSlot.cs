using CollectIq.Outreach.Compliance;

namespace CollectIq.Outreach.Outcomes;

/// <summary>When to place a requested callback: the requested time when it is ahead and inside the calling window, else the next allowed slot.</summary>
public static class CallbackSlot
{
    /// <summary>A requested time this close to "now" is not "in the past" (the payer said "call me now-ish").</summary>
    public static readonly TimeSpan PastTolerance = TimeSpan.FromMinutes(1);

    /// <returns>The slot (null when the window never opens in the payer's zones) and, when it differs from the request, why.</returns>
    public static (DateTimeOffset? At, string? Adjustment) Choose(DateTimeOffset requested, DateTimeOffset now, IReadOnlyList<TimeZoneInfo> zones, CallingWindowRule window)
    {
        var past = requested < now - PastTolerance;
        var from = requested < now ? now : requested;
        var slot = window.NextAllowed(zones, from);
        if (slot is null) return (null, "no calling window opens in the payer's time zones within two weeks; not scheduled");
        if (past) return (slot, $"the requested time had passed; moved to the next allowed slot {Utc(slot.Value)}");
        if (slot.Value > from) return (slot, $"the requested time is outside the calling window; moved to the next allowed slot {Utc(slot.Value)}");
        return (slot, null);
    }

    private static string Utc(DateTimeOffset at) => $"{at.ToOffset(TimeSpan.Zero):yyyy-MM-dd HH:mm} UTC";
}
