using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CollectIq.Web.Operators;

/// <summary>
/// /api/operators: operator management for an administrator's session (not the API key: a machine
/// credential does not create people's accounts). Non-admin sessions get 403, no session 401.
/// </summary>
public static class OperatorsApi
{
    public static RouteGroupBuilder MapOperatorsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/operators").WithTags("Operators").RequireAuthorization(OperatorAdministration.AdminPolicy);
        api.MapGet("/", async (OperatorAdministration admin, CancellationToken ct) => TypedResults.Ok(await admin.ListAsync(ct)))
            .WithName("ListOperators").WithSummary("Operators with role, lockout and last sign-in (admins only).");
        api.MapPost("/", async (NewOperatorRequest request, ClaimsPrincipal user, OperatorAdministration admin, CancellationToken ct) =>
                ToResult(await admin.AddAsync(user, request.Email ?? "", request.Password ?? "", request.Role ?? OperatorRole.Operator, ct), created: true))
            .WithName("AddOperator").WithSummary("Adds an operator (role Admin or Operator) with an initial password.");
        api.MapPost("/{id}/lock", async (string id, ClaimsPrincipal user, OperatorAdministration admin, CancellationToken ct) =>
                ToResult(await admin.SetLockedAsync(user, id, locked: true, ct)))
            .WithName("LockOperator").WithSummary("Locks an operator out (not yourself, not the last active admin).");
        api.MapPost("/{id}/unlock", async (string id, ClaimsPrincipal user, OperatorAdministration admin, CancellationToken ct) =>
                ToResult(await admin.SetLockedAsync(user, id, locked: false, ct)))
            .WithName("UnlockOperator").WithSummary("Unlocks an operator and clears their failed sign-ins.");
        api.MapPost("/{id}/password", async (string id, PasswordResetRequest request, ClaimsPrincipal user, OperatorAdministration admin, CancellationToken ct) =>
                ToResult(await admin.ResetPasswordAsync(user, id, request.Password ?? "", ct)))
            .WithName("ResetOperatorPassword").WithSummary("Sets a new password (the password rules apply; other sessions end).");
        api.MapDelete("/{id}", async (string id, ClaimsPrincipal user, OperatorAdministration admin, CancellationToken ct) =>
                ToResult(await admin.RemoveAsync(user, id, ct)))
            .WithName("RemoveOperator").WithSummary("Removes an operator (not yourself, not the last active admin).");
        return api;
    }

    private static IResult ToResult(OperatorChange change, bool created = false) => change.Status switch
    {
        OperatorChangeStatus.Done when created => TypedResults.Created($"/api/operators/{change.OperatorId}", new { id = change.OperatorId }),
        OperatorChangeStatus.Done => TypedResults.Ok(new { id = change.OperatorId }),
        OperatorChangeStatus.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Operator not found."),
        OperatorChangeStatus.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: change.Errors[0]),
        _ => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["operator"] = change.Errors.ToArray() }, title: "The change was refused."),
    };
}

public sealed record NewOperatorRequest(string? Email, string? Password, OperatorRole? Role);

public sealed record PasswordResetRequest(string? Password);
