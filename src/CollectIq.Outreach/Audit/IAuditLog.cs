using CollectIq.Domain.Audit;

namespace CollectIq.Outreach.Audit;

/// <summary>
/// Where outreach decisions go (called, scheduled, skipped and why, refused and why, paused…). The data layer
/// implements it on the database; <see cref="InMemoryAuditLog"/> serves tests and a host without one.
/// </summary>
public interface IAuditLog
{
    /// <summary>Appends entries in one batch (a pass may skip thousands of payers at once).</summary>
    Task WriteAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Newest first; all payers when <paramref name="payerId"/> is null.</summary>
    Task<IReadOnlyList<AuditEntry>> ReadAsync(int? payerId, int limit, CancellationToken cancellationToken = default);
}

public static class AuditActions
{
    public const string Called = "called";
    public const string Scheduled = "scheduled";
    public const string Skipped = "skipped";
    public const string Refused = "refused";
    public const string Failed = "failed";
    public const string Paused = "paused";
    public const string Resumed = "resumed";
    public const string Voicemail = "voicemail";
}

public static class AuditLogExtensions
{
    public static Task WriteAsync(this IAuditLog log, AuditEntry entry, CancellationToken cancellationToken = default) =>
        log.WriteAsync([entry], cancellationToken);
}
