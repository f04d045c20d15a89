using CollectIq.Web.Doctor;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CollectIq.Web.WebApp;

internal static class WebAppServices
{
    /// <summary>What the pages use beyond the host's services.</summary>
    public static IServiceCollection AddCollectIqWebAppServices(this IServiceCollection services)
    {
        services.TryAddSingleton<INextCallExplainer, PlannerNextCallExplainer>();
        services.TryAddSingleton<DoctorChecks>();
        services.TryAddSingleton<SoftphoneCalls>();
        services.TryAddSingleton<DashboardQueries>();
        return services;
    }
}
