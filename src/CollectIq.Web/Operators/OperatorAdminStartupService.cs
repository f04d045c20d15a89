using Microsoft.Extensions.Options;

namespace CollectIq.Web.Operators;

/// <summary>Creates the configured first admin once the database is migrated (registered after the migration service).</summary>
internal sealed class OperatorAdminStartupService(OperatorAccounts accounts, IOptions<OperatorAdminOptions> admin) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => accounts.EnsureConfiguredAdminAsync(admin.Value, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
