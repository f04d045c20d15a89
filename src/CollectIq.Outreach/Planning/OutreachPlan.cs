namespace CollectIq.Outreach.Planning;

/// <summary>What one pass would do at <see cref="At"/>: who to call, in order, and who not and why.</summary>
public sealed record OutreachPlan(DateTimeOffset At, IReadOnlyList<PlannedCall> Call, IReadOnlyList<SkippedPayer> Skipped)
{
    /// <summary>Callbacks payers asked for, placed by their own one-shot jobs at <see cref="PlannedCallback.At"/> (soonest first).</summary>
    public IReadOnlyList<PlannedCallback> Callbacks { get; init; } = [];
}

/// <summary>A callback the payer asked for: requested for <paramref name="RequestedFor"/>, placed at <paramref name="At"/> (moved into the window when needed, <paramref name="Adjustment"/> says why).</summary>
public sealed record PlannedCallback(int CallbackId, int PayerId, string Name, DateTimeOffset At, DateTimeOffset RequestedFor, string? Adjustment);

/// <summary>A payer to call. <see cref="Attempt"/> counts attempts in the current retry cycle (1 = first call).</summary>
public sealed record PlannedCall(
    int PayerId,
    string Name,
    double Priority,
    string Stage,
    int DaysPastDue,
    int Attempt,
    bool BrokenPromise,
    string Why);

/// <summary>A payer not called this pass; <see cref="Rule"/> is the rule's stable name, <see cref="Reason"/> a sentence.</summary>
public sealed record SkippedPayer(int PayerId, string Name, string Rule, string Reason, DateTimeOffset? NextAllowedAt = null);
