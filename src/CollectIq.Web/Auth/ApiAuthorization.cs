using Microsoft.AspNetCore.Authentication;

namespace CollectIq.Web.Auth;

public static class ApiAuthorization
{
    /// <summary>
    /// The policy on every /api route. The web app adds its operator cookie by registering the scheme and
    /// listing it here beside the API key (a request passes with either).
    /// </summary>
    public const string PolicyName = "collectiq-api";

    public static IServiceCollection AddCollectIqApiKeyAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyStore>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, _ => { });
        services.AddAuthorizationBuilder()
            .AddPolicy(PolicyName, policy => policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        return services;
    }

    /// <summary>Who is asking, for audit rows: "api" for the key, "operator:name" once sessions exist.</summary>
    public static string ActorOf(System.Security.Claims.ClaimsPrincipal user) =>
        user.FindFirst("actor")?.Value ?? user.Identity?.Name ?? "api";
}
