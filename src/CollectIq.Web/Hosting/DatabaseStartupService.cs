using CollectIq.Data;

namespace CollectIq.Web.Hosting;

/// <summary>Migrates (and seeds) before Kestrel starts listening: hosted services start ahead of the server.</summary>
internal sealed class DatabaseStartupService(DatabaseInitializer initializer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => initializer.InitializeAsync(cancellationToken: cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
