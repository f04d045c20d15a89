using CollectIq.Data.Operators;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CollectIq.Web.Operators;

/// <summary>Sign-out (a form POST with an antiforgery token; sign-in is the static /login page).</summary>
public static class OperatorEndpoints
{
    public static IEndpointRouteBuilder MapOperatorEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/account/logout", async (SignInManager<OperatorUser> signIn, [FromForm] string? returnUrl) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/login");
        }).ExcludeFromDescription();
        return routes;
    }
}
