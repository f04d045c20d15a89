using Quartz;

namespace CollectIq.Outreach.Scheduling;

/// <summary>
/// Names of the Quartz jobs. A call job is keyed by payer, UTC day and attempt number in the cycle, in a group
/// per day: the same plan computed twice (two passes, two cluster nodes) yields the same key, and Quartz refuses
/// the second, so a payer is never double-dialed. The day's group also counts the day's calls for the cap.
/// </summary>
public static class OutreachJobKeys
{
    public const string Group = "outreach";
    public static readonly JobKey PassJob = new("outreach-pass", Group);
    public static readonly TriggerKey PassTrigger = new("outreach-pass", Group);
    public const string CallGroupPrefix = "outreach-calls-";

    public static string CallGroup(DateTimeOffset day) => CallGroupPrefix + day.UtcDateTime.ToString("yyyyMMdd");

    public static JobKey Call(int payerId, int attempt, DateTimeOffset day) => new($"payer-{payerId}-a{attempt}", CallGroup(day));
}
