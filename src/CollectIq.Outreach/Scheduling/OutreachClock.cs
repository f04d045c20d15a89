using Microsoft.Extensions.DependencyInjection;

namespace CollectIq.Outreach.Scheduling;

/// <summary>
/// The app's clock for outreach decisions (calling window, caps, plans). Quartz's <c>UseTimeProvider</c> registers
/// <see cref="TimeProvider.System"/> for the whole container so that its triggers fire on the wall clock; the
/// scheduler's own services take the clock the app registered before that (a test's FakeTimeProvider) under this key.
/// </summary>
public static class OutreachClock
{
    public const string Key = "CollectIq.Outreach.Clock";

    /// <summary>Registers, under <see cref="Key"/>, whatever TimeProvider the app registered so far (else the system clock).</summary>
    public static IServiceCollection AddOutreachClock(this IServiceCollection services)
    {
        var appClock = services.LastOrDefault(d => d.ServiceType == typeof(TimeProvider) && !d.IsKeyedService);
        services.AddKeyedSingleton<TimeProvider>(Key, (sp, _) => appClock switch
        {
            { ImplementationInstance: TimeProvider instance } => instance,
            { ImplementationFactory: { } factory } => (TimeProvider)factory(sp),
            { ImplementationType: { } type } => (TimeProvider)ActivatorUtilities.CreateInstance(sp, type),
            _ => TimeProvider.System,
        });
        return services;
    }
}
