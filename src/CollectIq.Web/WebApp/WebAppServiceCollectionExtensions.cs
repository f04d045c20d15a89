using CollectIq.Data;
using CollectIq.Data.Operators;
using CollectIq.Telephony.MediaStreams.Authentication;
using CollectIq.Web.Auth;
using CollectIq.Web.Components;
using CollectIq.Web.Live;
using CollectIq.Web.Operators;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

namespace CollectIq.Web.WebApp;

/// <summary>
/// The operators' web app (Blazor Server + MudBlazor) and its sign-in (ASP.NET Core Identity, cookie).
/// <see cref="AddCollectIqWebApp"/> after the rest of the host's services; <see cref="MapCollectIqWebApp"/>
/// after UseAuthorization. With it, every endpoint needs an operator session unless it says otherwise
/// (/health, Twilio's webhooks and the media stream do); /api takes the API key or the session.
/// </summary>
public static class WebAppServiceCollectionExtensions
{
    public static IServiceCollection AddCollectIqWebApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, OperatorRevalidatingAuthenticationStateProvider>();
        services.AddHttpClient();

        // Identity's stores want a scoped context; ours come from the engine-aware factory.
        services.TryAddScoped<CollectIqDbContext>(sp => sp.GetRequiredService<IDbContextFactory<CollectIqDbContext>>().CreateDbContext());
        services.AddIdentityCore<OperatorUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<CollectIqDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<OperatorClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultChallengeScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/login";
            o.AccessDeniedPath = "/access-denied";
            o.Cookie.Name = "collectiq.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            o.SlidingExpiration = true;
            // An API client or script gets 401, not a redirect to an HTML page.
            o.Events.OnRedirectToLogin = ctx => RedirectOr401(ctx.HttpContext, ctx.RedirectUri);
            o.Events.OnRedirectToAccessDenied = ctx => RedirectOr401(ctx.HttpContext, ctx.RedirectUri, StatusCodes.Status403Forbidden);
        });
        services.Configure<AuthorizationOptions>(o =>
        {
            o.AddPolicy(ApiAuthorization.PolicyName, p => p
                .AddAuthenticationSchemes(Auth.ApiKeyAuthenticationHandler.SchemeName, IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser());
            o.FallbackPolicy = new AuthorizationPolicyBuilder(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser().Build();
            // Operator management: an operator session with the admin claim (the API key is not enough).
            o.AddPolicy(OperatorAdministration.AdminPolicy, p => p
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser()
                .RequireClaim(OperatorClaimsPrincipalFactory.AdminClaim, "true"));
        });
        // A locked, removed or re-passworded operator's cookie stops working within a minute (new security stamp).
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddOptions<OperatorAdminOptions>().Configure(o => OperatorAdminOptions.Bind(configuration, o))
            .Validate(o => string.IsNullOrWhiteSpace(o.Email) == string.IsNullOrWhiteSpace(o.Password),
                $"Set both {OperatorAdminOptions.EmailKey} and {OperatorAdminOptions.PasswordKey}, or neither (then /setup creates the first admin).")
            .ValidateOnStart();
        services.AddSingleton<OperatorAccounts>();
        services.AddSingleton<OperatorAdministration>();
        services.AddHostedService<OperatorAdminStartupService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMediaStreamAuthenticator, OperatorSessionMediaStreamAuthenticator>());

        services.AddCallLiveFeed();
        services.AddCollectIqWebAppServices();
        return services;
    }

    public static WebApplication MapCollectIqWebApp(this WebApplication app)
    {
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapOperatorEndpoints();
        app.MapOperatorsApi();
        return app;
    }

    /// <summary>
    /// Running from build output (./run, tests) rather than a publish folder, MudBlazor's and our files live
    /// where the runtime manifest says; ASP.NET Core reads it only in Development unless asked.
    /// </summary>
    public static void UseWebAppStaticAssets(WebApplicationBuilder builder)
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, $"{builder.Environment.ApplicationName}.staticwebassets.runtime.json");
        if (!builder.Environment.IsDevelopment() && File.Exists(manifest)) builder.WebHost.UseStaticWebAssets();
    }

    private static Task RedirectOr401(HttpContext context, string redirectUri, int status = StatusCodes.Status401Unauthorized)
    {
        // Only a browser navigating to a page (Accept: text/html) is sent to the sign-in page.
        var wantsPage = context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
        if (context.Request.Path.StartsWithSegments("/api") || context.WebSockets.IsWebSocketRequest || !wantsPage)
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }
}
