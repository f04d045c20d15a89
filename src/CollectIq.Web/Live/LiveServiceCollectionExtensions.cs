using CollectIq.Domain.Calls;

namespace CollectIq.Web.Live;

public static class LiveServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ICallLiveFeed"/> and wraps the registered <see cref="ICallRecorder"/> in
    /// <see cref="NotifyingCallRecorder"/>. Call after the data layer registered its recorder.
    /// </summary>
    public static IServiceCollection AddCallLiveFeed(this IServiceCollection services)
    {
        services.AddSingleton<CallLiveFeed>();
        services.AddSingleton<ICallLiveFeed>(sp => sp.GetRequiredService<CallLiveFeed>());

        var original = services.LastOrDefault(d => d.ServiceType == typeof(ICallRecorder))
            ?? throw new InvalidOperationException("Register the data layer (AddCollectIqData) before AddCallLiveFeed.");
        if (original.ImplementationType == typeof(NotifyingCallRecorder)) return services;
        services.Remove(original);
        services.AddSingleton<ICallRecorder>(sp => new NotifyingCallRecorder(Create(sp, original), sp.GetRequiredService<ICallLiveFeed>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    private static ICallRecorder Create(IServiceProvider sp, ServiceDescriptor original) =>
        original.ImplementationInstance as ICallRecorder
        ?? original.ImplementationFactory?.Invoke(sp) as ICallRecorder
        ?? (ICallRecorder)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!);
}
