using CollectIq.Domain.Outcomes;

namespace CollectIq.Outreach.Outcomes;

/// <summary>Puts a payer's requested callback on the scheduler (one job per callback, keyed by its id: never doubled).</summary>
public interface ICallbackScheduler
{
    /// <summary>Schedules (or, when already scheduled, leaves) the one-shot call for <paramref name="callback"/> at its ScheduledFor.</summary>
    Task ScheduleAsync(CallbackRequest callback, CancellationToken cancellationToken = default);

    Task CancelAsync(int callbackId, CancellationToken cancellationToken = default);

    /// <summary>True when the callback's job exists (scheduled or waiting to fire).</summary>
    Task<bool> IsScheduledAsync(int callbackId, CancellationToken cancellationToken = default);
}
