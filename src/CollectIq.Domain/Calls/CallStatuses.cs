namespace CollectIq.Domain.Calls;

/// <summary>
/// Twilio's call status words and their order. Status callbacks can arrive late, twice or out of
/// order; a call only ever moves forward along this order.
/// </summary>
public static class CallStatuses
{
    public const string Queued = "queued";
    public const string Initiated = "initiated";
    public const string Ringing = "ringing";
    public const string InProgress = "in-progress";
    public const string Completed = "completed";
    public const string Busy = "busy";
    public const string NoAnswer = "no-answer";
    public const string Failed = "failed";
    public const string Canceled = "canceled";

    public static readonly IReadOnlyList<string> All = [Queued, Initiated, Ringing, InProgress, Completed, Busy, NoAnswer, Failed, Canceled];

    public static bool IsKnown(string? status) => status is not null && All.Contains(status);

    public static bool IsTerminal(string? status) => status is Completed or Busy or NoAnswer or Failed or Canceled;

    /// <summary>Progress rank: terminal statuses share the top rank, so nothing replaces a final status.</summary>
    public static int Rank(string? status) => status switch
    {
        Queued => 0,
        Initiated => 1,
        Ringing => 2,
        InProgress => 3,
        Completed or Busy or NoAnswer or Failed or Canceled => 4,
        _ => -1,
    };

    /// <summary>True when moving from <paramref name="current"/> to <paramref name="next"/> is progress.</summary>
    public static bool CanAdvance(string current, string next) =>
        IsKnown(next) && !IsTerminal(current) && Rank(next) > Rank(current);

    /// <summary>Twilio's callback word "answered" is reported as status "in-progress".</summary>
    public static string Normalize(string status) => status.Trim().ToLowerInvariant() switch
    {
        "answered" => InProgress,
        "in_progress" => InProgress,
        "no_answer" => NoAnswer,
        "cancelled" => Canceled,
        var s => s,
    };
}
