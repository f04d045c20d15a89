using CollectIq.Outreach.Audit;
using CollectIq.Outreach.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CollectIq.Outreach.Tests.Scheduling;

/// <summary>A real generic host running AddCollectIqOutreach against a real job store, with the book and dialer in memory.</summary>
internal sealed class OutreachHost : IAsyncDisposable
{
    public required IHost Host { get; init; }
    public required RecordingDialer Dialer { get; init; }
    public required InMemoryAuditLog Audit { get; init; }
    public OutreachControl Control => Host.Services.GetRequiredService<OutreachControl>();

    public static async Task<OutreachHost> StartAsync(string connectionString, InMemoryCandidateSource source, FakeTimeProvider time,
        IDictionary<string, string?>? settings = null, string instanceId = "AUTO", InMemoryAuditLog? audit = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders(); if (Environment.GetEnvironmentVariable("OUTREACH_TEST_LOGS") == "1") builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Information);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Outreach:PassInterval"] = "00:00:01",
            ["Outreach:Scheduler:ConnectionString"] = connectionString,
            ["Outreach:Scheduler:InstanceId"] = instanceId,
            ["Outreach:Scheduler:ClusterCheckinInterval"] = "00:00:01",
            ["Outreach:Throttle:CallsPerSecond"] = "20",
            ["Outreach:Throttle:BusyLineRecheck"] = "00:00:00.200",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        audit ??= new InMemoryAuditLog();
        var dialer = new RecordingDialer(source, time);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<IAuditLog>(audit);
        builder.Services.AddSingleton<IOutreachCandidateSource>(source);
        builder.Services.AddSingleton<IOutreachDialer>(dialer);
        builder.Services.AddCollectIqOutreach(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return new OutreachHost { Host = host, Dialer = dialer, Audit = audit };
    }

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await Host.StopAsync();
        Host.Dispose();
    }
}

internal static class Eventually
{
    /// <summary>Polls until the condition holds; generous timeout for a loaded 2-core machine.</summary>
    public static async Task WaitAsync(Func<bool> condition, string what, int timeoutSeconds = 45)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for: {what}");
            await Task.Delay(50);
        }
    }
}
