using CollectIq.Outreach.Dialing.Guards;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CollectIq.Outreach.Dialing;

public static class OutreachServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="OutreachService"/> with the base guards (STAGE_3 only, opt-out, one call at a time).
    /// Needs <c>AddCollectIqData</c>, an <c>ITwilioCallsClient</c> and <c>TwilioOptions</c>.
    /// </summary>
    public static IServiceCollection AddCollectIqOutreach(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOutreachGuard<OptOutGuard>();
        services.AddOutreachGuard<Stage3Guard>();
        services.AddOutreachGuard<CallInProgressGuard>();
        services.TryAddSingleton<OutreachService>();
        return services;
    }

    /// <summary>Adds a rule that may refuse a call (checked after those already registered).</summary>
    public static IServiceCollection AddOutreachGuard<TGuard>(this IServiceCollection services) where TGuard : class, IOutreachGuard
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutreachGuard, TGuard>());
        return services;
    }
}
