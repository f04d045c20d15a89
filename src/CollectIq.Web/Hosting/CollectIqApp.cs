using CollectIq.Data;
using CollectIq.Data.Providers;
using CollectIq.Outreach;
using CollectIq.Outreach.Api;
using CollectIq.Outreach.Dialing;
using CollectIq.Telephony.MediaStreams;
using CollectIq.Telephony.Twilio;
using CollectIq.Web.Agent;
using CollectIq.Web.Auth;
using CollectIq.Web.Calls;
using CollectIq.Web.Errors;
using CollectIq.Web.Health;
using CollectIq.Web.Metrics;
using CollectIq.Web.OpenApi;
using CollectIq.Web.Payers;
using CollectIq.Web.Payers.Import;
using CollectIq.Web.Payers.Validation;
using CollectIq.Web.Twilio;
using CollectIq.Web.WebApp;
using CollectIq.Simulator.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CollectIq.Web.Hosting;

/// <summary>
/// Builds the CollectIQ service. Program.cs and the tests both go through here, so a test runs the
/// real app: <c>CreateBuilder(args, settings)</c>, then override services on <c>builder.Services</c>
/// (last registration wins), then <c>Build</c>, <c>StartAsync</c> and <see cref="BoundAddress"/>.
/// </summary>
public static class CollectIqApp
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <param name="args">Command-line arguments (e.g. <c>--urls</c>, <c>--ConnectionStrings:CollectIq=…</c>).</param>
    /// <param name="settings">Configuration that wins over every other source (tests: connection string, API key, Twilio).</param>
    public static WebApplicationBuilder CreateBuilder(string[] args, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // appsettings.json ships next to the binary; ./run starts us from the repository root.
            ContentRootPath = AppContext.BaseDirectory,
            // Not the entry assembly: under a test host that would be "testhost", and the web app's static assets are named after us.
            ApplicationName = typeof(CollectIqApp).Assembly.GetName().Name,
        });
        WebApp.WebAppServiceCollectionExtensions.UseWebAppStaticAssets(builder);
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);

        // Standard --urls / ASPNETCORE_URLS win; otherwise loopback only, port 5080.
        var urls = builder.Configuration["urls"];
        builder.WebHost.UseUrls(string.IsNullOrWhiteSpace(urls) ? DefaultUrl : urls);
        DefaultPublicUrl(builder.Configuration, string.IsNullOrWhiteSpace(urls) ? DefaultUrl : urls);

        builder.Services.AddCollectIqWeb(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// Without PUBLIC_URL / NGROK_URL, Twilio (then only the local stand-in) reaches us at our own
    /// listening address: the first of --urls, when it names a concrete port.
    /// </summary>
    private static void DefaultPublicUrl(ConfigurationManager configuration, string urls)
    {
        if (!string.IsNullOrWhiteSpace(configuration["PUBLIC_URL"]) || !string.IsNullOrWhiteSpace(configuration["NGROK_URL"])) return;
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries)[0]
            .Replace("://*", "://127.0.0.1").Replace("://+", "://127.0.0.1").Replace("://[::]", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1");
        if (Uri.TryCreate(first, UriKind.Absolute, out var uri) && uri.Port > 0)
            configuration["PUBLIC_URL"] = uri.GetLeftPart(UriPartial.Authority);
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        app.UseCollectIq();
        return app;
    }

    /// <summary>The first address Kestrel bound (with the real port when started on port 0).</summary>
    public static Uri BoundAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("The server has not started yet.");
        return new Uri(first.Replace("://[::]", "://127.0.0.1").Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1"));
    }

    /// <summary>Everything the service needs. Telephony engines are registered by the lead's wiring (see the marked lines).</summary>
    public static IServiceCollection AddCollectIqWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCollectIqData(configuration);
        // Telephony: without TWILIO_ACCOUNT_SID the Twilio stand-in runs in-process on loopback and the
        // real client, webhooks and media-stream session talk to it unchanged.
        services.AddSimulatedTelephony(configuration);
        services.AddTwilioCallsClient(configuration);
        services.AddTwilioMediaStreams(configuration);
        services.TryAddSingleton<IMediaStreamCallResolver, DbMediaStreamCallResolver>();
        services.AddCollectIqVoiceAgent(configuration); // Agent:Mode=echo for the echo-and-tone diagnostics agent
        services.AddCollectIqMetrics();
        services.AddCollectIqOutreach(configuration);

        services.AddCollectIqApiKeyAuthentication();
        services.AddSingleton<PayerDraftValidator>();
        services.AddSingleton<PayerWriter>();
        services.AddSingleton<PayerCsvImporter>();

        services.Configure<JsonOptions>(o => ConfigureJson(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true); // so BadRequestProblemHandler names the bad field
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestProblemHandler>();
        services.AddOpenApi(o => o.AddDocumentTransformer<ApiKeySecuritySchemeTransformer>());
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        services.AddHostedService<DatabaseStartupService>();
        services.AddHostedService<StartupBanner>();

        // The operators' web app and its sign-in (after the migration service: it may create the first admin).
        services.AddCollectIqWebApp(configuration);
        return services;
    }

    public static void ConfigureJson(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
    }

    public static WebApplication UseCollectIq(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseWebSockets();
        app.UseAuthentication();
        app.UseAuthorization();

        // API documentation: the API key or an operator session, like the API itself (payer data is personal data).
        app.MapOpenApi().RequireAuthorization(ApiAuthorization.PolicyName);
        // Scalar serves its UI bundle from the assembly (no CDN); fonts from a CDN are switched off.
        app.MapScalarApiReference(o => o.WithTitle("CollectIQ API").HideDarkModeToggle().WithDefaultFonts(false)).RequireAuthorization(ApiAuthorization.PolicyName);
        // Anonymous on purpose: the web app's fallback policy demands an operator session everywhere else.
        app.MapHealthChecks("/health").AllowAnonymous();

        app.MapPayersApi();
        app.MapOptOutApi();
        app.MapCallsApi();
        app.MapGroup("/api").RequireAuthorization(ApiAuthorization.PolicyName).MapOutreachApi();
        app.MapTwilioWebhooks().AllowAnonymous();     // Twilio signature instead
        app.MapTwilioMediaStream().AllowAnonymous();  // IMediaStreamAuthenticator instead
        app.MapCollectIqMetrics();                    // API key or operator session, like /api
        app.MapCollectIqWebApp();
        return app;
    }
}
