using CollectIq.Data;
using CollectIq.Domain.Audit;
using CollectIq.Outreach.Audit;
using CollectIq.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using System.Security.Claims;

namespace CollectIq.Web.Payers;

/// <summary>
/// /api/payers/{id}/opt-out: a payer who asked us to stop calling is never called again until an operator
/// clears it, with a reason; both directions land in the audit log.
/// </summary>
public static class OptOutApi
{
    public const string OptOutAction = "opt-out";
    public const string OptOutClearedAction = "opt-out-cleared";

    public static RouteGroupBuilder MapOptOutApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/payers/{id:int}/opt-out").WithTags("Payers").RequireAuthorization(ApiAuthorization.PolicyName);
        api.MapPost("/", RecordOptOut).WithName("RecordOptOut").WithSummary("Records that the payer asked us to stop calling (takes effect at once).");
        api.MapPost("/clear", ClearOptOut).WithName("ClearOptOut").WithSummary("Clears an opt-out; a reason is required and audited.");
        return api;
    }

    public sealed record OptOutChange(string? Reason);

    public sealed record OptOutState(int PayerId, DateTimeOffset? OptedOutAt);

    public static Task<Results<Ok<OptOutState>, NotFound, ValidationProblem>> RecordOptOut(
        int id, OptOutChange? change, IDbContextFactory<CollectIqDbContext> contexts, IAuditLog audit, TimeProvider time, ClaimsPrincipal user, CancellationToken ct) =>
        ChangeAsync(id, optOut: true, change?.Reason ?? "Recorded by an operator.", contexts, audit, time, user, ct);

    public static Task<Results<Ok<OptOutState>, NotFound, ValidationProblem>> ClearOptOut(
        int id, OptOutChange? change, IDbContextFactory<CollectIqDbContext> contexts, IAuditLog audit, TimeProvider time, ClaimsPrincipal user, CancellationToken ct) =>
        ChangeAsync(id, optOut: false, change?.Reason, contexts, audit, time, user, ct);

    private static async Task<Results<Ok<OptOutState>, NotFound, ValidationProblem>> ChangeAsync(
        int id, bool optOut, string? reason, IDbContextFactory<CollectIqDbContext> contexts, IAuditLog audit, TimeProvider time, ClaimsPrincipal user, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 5)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["Say why (at least 5 characters): it goes into the audit log."] });
        await using var db = await contexts.CreateDbContextAsync(ct);
        var payer = await db.Payers.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (payer is null) return TypedResults.NotFound();
        var now = time.GetUtcNow();
        payer.OptedOutAt = optOut ? payer.OptedOutAt ?? now : null;
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync([new AuditEntry
        {
            At = now, PayerId = id, Action = optOut ? OptOutAction : OptOutClearedAction,
            Actor = ApiAuthorization.ActorOf(user), Reason = reason.Trim(),
        }], ct);
        return TypedResults.Ok(new OptOutState(id, payer.OptedOutAt));
    }
}
