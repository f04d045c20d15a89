using CollectIq.Data;
using CollectIq.Telephony.Twilio;
using CollectIq.Web.Auth;
using Microsoft.Extensions.Options;

namespace CollectIq.Web.Hosting;

/// <summary>
/// Tells the operator where the service is, the API key to use and whether telephony is real or
/// simulated. Printed to the console (./run shows it); <c>CollectIq:Banner=false</c> silences it.
/// </summary>
internal sealed partial class StartupBanner(
    IHostApplicationLifetime lifetime,
    IServiceProvider services,
    ApiKeyStore apiKeys,
    DatabaseSettings database,
    IOptions<TwilioOptions> twilio,
    IConfiguration configuration,
    ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Print);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Print()
    {
        var options = twilio.Value;
        // The stand-in fills in a fake account SID, so ask DI whether it is running rather than the options.
        var simulated = services.GetService<CollectIq.Simulator.Hosting.SimulatedTelephony>() is not null;
        var telephony = simulated
            ? $"simulated (no TWILIO_ACCOUNT_SID): Twilio stand-in at {options.ApiBaseUrl}, public URL {options.PublicUrl}"
            : $"Twilio via {options.ApiBaseUrl}, public URL {options.PublicUrl}";
        LogStarted(logger, telephony, DatabaseInitializer.Describe(database), apiKeys.Source.ToString());
        if (string.Equals(configuration["CollectIq:Banner"], "false", StringComparison.OrdinalIgnoreCase)) return;

        var url = FirstUrl();
        Console.WriteLine();
        Console.WriteLine($"  CollectIQ is running at {url}");
        Console.WriteLine($"  Operators:      {url}/   (sign in; with no operator yet, {url}/setup creates the first, or set COLLECTIQ_ADMIN_EMAIL/PASSWORD)");
        Console.WriteLine($"  API reference:  {url}/scalar   (OpenAPI: {url}/openapi/v1.json)");
        Console.WriteLine($"  Health:         {url}/health");
        Console.WriteLine($"  API key:        {apiKeys.Key}   (header X-Api-Key; {apiKeys.Describe()})");
        Console.WriteLine($"  Telephony:      {telephony}");
        Console.WriteLine($"  Database:       {database.Provider} {DatabaseInitializer.Describe(database)}");
        Console.WriteLine();
    }

    private string FirstUrl()
    {
        var server = services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>();
        var first = server.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? CollectIqApp.DefaultUrl;
        return first.Replace("://[::]", "://127.0.0.1").TrimEnd('/');
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "CollectIQ started. Telephony: {Telephony}. Database: {Database}. API key from {ApiKeySource}")]
    private static partial void LogStarted(ILogger logger, string telephony, string database, string apiKeySource);
}
