using CollectIq.Domain.Dunning;
using CollectIq.Outreach.Voicemail;

namespace CollectIq.Outreach;

/// <summary>Automatic outreach settings (configuration section <c>Outreach</c>), validated at start-up.</summary>
public sealed class OutreachOptions
{
    public const string SectionName = "Outreach";

    /// <summary>False turns the recurring pass off (manual calls still go through the dialing policy).</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>Manual calls ("Send Outreach") also pass the whole dialing policy (default true; a refusal is a 409 naming the rule).</summary>
    public bool CheckManualCalls { get; set; } = true;
    /// <summary>How often the pass runs (default 5 minutes).</summary>
    public TimeSpan PassInterval { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>Dunning stages the scheduler calls: STAGE_1..STAGE_3 (default STAGE_3).</summary>
    public string[] CallingStages { get; set; } = ["STAGE_3"];
    public CallingWindowOptions CallingWindow { get; set; } = new();
    public FrequencyOptions Frequency { get; set; } = new();
    public ThrottleOptions Throttle { get; set; } = new();
    public RetryOptions Retry { get; set; } = new();
    public PriorityOptions Priority { get; set; } = new();
    public VoicemailOptions Voicemail { get; set; } = new();
    public SchedulerStoreOptions Scheduler { get; set; } = new();
    public Outcomes.OutcomeOptions Outcomes { get; set; } = new();
    public Reconciliation.ReconcilerOptions Reconciler { get; set; } = new();

    public IEnumerable<DunningStage> ParsedCallingStages()
    {
        foreach (var s in CallingStages)
        {
            if (DunningStageNames.TryParse(s, out var stage)) yield return stage;
        }
    }

    /// <summary>Problems a person can fix, one per line; empty when valid.</summary>
    public IEnumerable<string> Validate()
    {
        if (PassInterval < TimeSpan.FromSeconds(1) || PassInterval > TimeSpan.FromDays(1))
            yield return $"Outreach:PassInterval must be between 00:00:01 and 1.00:00:00, got {PassInterval}.";
        if (CallingStages.Length == 0) yield return "Outreach:CallingStages must name at least one stage (STAGE_1, STAGE_2, STAGE_3).";
        foreach (var s in CallingStages)
        {
            if (!DunningStageNames.TryParse(s, out _)) yield return $"Outreach:CallingStages has '{s}', which is not STAGE_1, STAGE_2 or STAGE_3.";
        }
        foreach (var e in CallingWindow.Validate()) yield return e;
        foreach (var e in Frequency.Validate()) yield return e;
        foreach (var e in Throttle.Validate()) yield return e;
        foreach (var e in Retry.Validate()) yield return e;
        foreach (var e in Priority.Validate()) yield return e;
        foreach (var e in Voicemail.Validate()) yield return e;
        foreach (var e in Scheduler.Validate()) yield return e;
        foreach (var e in Outcomes.Validate()) yield return e;
        foreach (var e in Reconciler.Validate()) yield return e;
    }
}

/// <summary>Calling hours in the payer's local time. Start is inclusive, End exclusive (21:00 means the last call starts 20:59).</summary>
public sealed class DailyWindow
{
    public TimeOnly Start { get; set; } = new(8, 0);
    public TimeOnly End { get; set; } = new(21, 0);
    /// <summary>No calls at all on this day.</summary>
    public bool Closed { get; set; }
}

public sealed class CallingWindowOptions
{
    /// <summary>The legal default is 08:00–21:00; a narrower window is always allowed, a wider one is refused at start-up.</summary>
    public DailyWindow Default { get; set; } = new();
    /// <summary>Narrower hours for some weekdays, e.g. <c>"Saturday": { "Start": "09:00", "End": "17:00" }</c>.</summary>
    public Dictionary<DayOfWeek, DailyWindow> WeekdayOverrides { get; set; } = [];
    public bool NoSundays { get; set; }
    /// <summary>Local dates with no calls (e.g. "2026-12-25").</summary>
    public DateOnly[] Holidays { get; set; } = [];

    public IEnumerable<string> Validate()
    {
        foreach (var e in Check("Outreach:CallingWindow:Default", Default)) yield return e;
        foreach (var (day, w) in WeekdayOverrides)
        {
            foreach (var e in Check($"Outreach:CallingWindow:WeekdayOverrides:{day}", w)) yield return e;
        }
    }

    private static IEnumerable<string> Check(string path, DailyWindow w)
    {
        if (w.Closed) yield break;
        if (w.End <= w.Start) yield return $"{path}: End ({w.End:HH\\:mm}) must be after Start ({w.Start:HH\\:mm}).";
        if (w.Start < new TimeOnly(8, 0)) yield return $"{path}: Start {w.Start:HH\\:mm} is before 08:00, which the FDCPA presumes inconvenient.";
        if (w.End > new TimeOnly(21, 0)) yield return $"{path}: End {w.End:HH\\:mm} is after 21:00, which the FDCPA presumes inconvenient.";
    }
}

/// <summary>Regulation F call-frequency presumptions.</summary>
public sealed class FrequencyOptions
{
    /// <summary>At most this many attempts in <see cref="PeriodDays"/> consecutive days (default 7).</summary>
    public int MaxAttempts { get; set; } = 7;
    public int PeriodDays { get; set; } = 7;
    /// <summary>No call for this many days after a conversation with the right party, the conversation day included (default 7).</summary>
    public int QuietDaysAfterConversation { get; set; } = 7;

    public IEnumerable<string> Validate()
    {
        if (MaxAttempts < 1 || MaxAttempts > 7) yield return $"Outreach:Frequency:MaxAttempts must be 1..7 (Regulation F allows at most 7 in 7 days), got {MaxAttempts}.";
        if (PeriodDays < 7) yield return $"Outreach:Frequency:PeriodDays must be at least 7, got {PeriodDays}.";
        if (QuietDaysAfterConversation < 7) yield return $"Outreach:Frequency:QuietDaysAfterConversation must be at least 7, got {QuietDaysAfterConversation}.";
    }
}

public sealed class ThrottleOptions
{
    /// <summary>Live calls at once across the service (default 5).</summary>
    public int MaxConcurrentCalls { get; set; } = 5;
    /// <summary>Calls started per second (Twilio's default is 1 CPS per number).</summary>
    public double CallsPerSecond { get; set; } = 1;
    /// <summary>Scheduler calls per UTC day (default 500).</summary>
    public int DailyCap { get; set; } = 500;
    /// <summary>How long a call waiting for a free line waits before it looks again.</summary>
    public TimeSpan BusyLineRecheck { get; set; } = TimeSpan.FromSeconds(15);

    public IEnumerable<string> Validate()
    {
        if (MaxConcurrentCalls < 1) yield return $"Outreach:Throttle:MaxConcurrentCalls must be at least 1, got {MaxConcurrentCalls}.";
        if (CallsPerSecond <= 0 || CallsPerSecond > 100) yield return $"Outreach:Throttle:CallsPerSecond must be in (0, 100], got {CallsPerSecond}.";
        if (DailyCap < 1) yield return $"Outreach:Throttle:DailyCap must be at least 1, got {DailyCap}.";
        if (BusyLineRecheck < TimeSpan.FromMilliseconds(100)) yield return $"Outreach:Throttle:BusyLineRecheck must be at least 0.1 s, got {BusyLineRecheck}.";
    }
}

public sealed class RetryOptions
{
    /// <summary>Wait after the 1st, 2nd, 3rd… unanswered attempt (busy, no answer, failed, voicemail). Default 2 h, 4 h, 1 day.</summary>
    public TimeSpan[] Backoff { get; set; } = [TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromDays(1)];
    /// <summary>Attempts per cycle: a cycle is the unanswered attempts since the last conversation, within <see cref="CycleDays"/>.</summary>
    public int MaxAttemptsPerCycle { get; set; } = 4;
    public int CycleDays { get; set; } = 7;

    public IEnumerable<string> Validate()
    {
        if (Backoff.Length == 0) yield return "Outreach:Retry:Backoff needs at least one delay, e.g. [\"02:00:00\"].";
        if (Backoff.Any(b => b <= TimeSpan.Zero)) yield return "Outreach:Retry:Backoff delays must be positive.";
        if (MaxAttemptsPerCycle < 1) yield return $"Outreach:Retry:MaxAttemptsPerCycle must be at least 1, got {MaxAttemptsPerCycle}.";
        if (CycleDays < 1) yield return $"Outreach:Retry:CycleDays must be at least 1, got {CycleDays}.";
    }
}

/// <summary>priority = amount^AmountWeight × daysPastDue^DaysWeight × (BrokenPromiseBoost when a promise was broken).</summary>
public sealed class PriorityOptions
{
    public double AmountWeight { get; set; } = 1;
    public double DaysWeight { get; set; } = 1;
    public double BrokenPromiseBoost { get; set; } = 2;

    public IEnumerable<string> Validate()
    {
        if (AmountWeight < 0 || AmountWeight > 4) yield return $"Outreach:Priority:AmountWeight must be 0..4, got {AmountWeight}.";
        if (DaysWeight < 0 || DaysWeight > 4) yield return $"Outreach:Priority:DaysWeight must be 0..4, got {DaysWeight}.";
        if (BrokenPromiseBoost < 1) yield return $"Outreach:Priority:BrokenPromiseBoost must be at least 1, got {BrokenPromiseBoost}.";
    }
}

/// <summary>Where Quartz keeps its jobs. "Host=…" means PostgreSQL (clustered); anything else is a SQLite connection string.</summary>
public sealed class SchedulerStoreOptions
{
    /// <summary>Default (set by AddCollectIqOutreach): the app database when it is PostgreSQL, else collectiq-scheduler.db in the data folder.</summary>
    public string ConnectionString { get; set; } = "Data Source=collectiq-scheduler.db";
    /// <summary>Scheduler name; instances sharing one database and name form a cluster.</summary>
    public string SchedulerName { get; set; } = "CollectIQ";
    /// <summary>Unique per process; AUTO lets Quartz pick host name + time.</summary>
    public string InstanceId { get; set; } = "AUTO";
    /// <summary>How often a clustered instance checks in; another takes over its jobs after this much silence.</summary>
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(7.5);
    /// <summary>Worker threads that run jobs.</summary>
    public int MaxConcurrency { get; set; } = 5;

    public bool IsPostgres => ConnectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase);

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString)) yield return "Outreach:Scheduler:ConnectionString is required (SQLite 'Data Source=…' or PostgreSQL 'Host=…').";
        if (string.IsNullOrWhiteSpace(SchedulerName)) yield return "Outreach:Scheduler:SchedulerName is required.";
        if (ClusterCheckinInterval < TimeSpan.FromSeconds(1)) yield return "Outreach:Scheduler:ClusterCheckinInterval must be at least 1 second.";
        if (MaxConcurrency < 1) yield return "Outreach:Scheduler:MaxConcurrency must be at least 1.";
    }
}
