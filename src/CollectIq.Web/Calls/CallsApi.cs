using CollectIq.Data;
using CollectIq.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CollectIq.Web.Calls;

/// <summary>/api/calls: one call with its history and transcript; a payer's calls, newest first.</summary>
public static class CallsApi
{
    public const int MaxListed = 500;

    public static RouteGroupBuilder MapCallsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/calls").WithTags("Calls").RequireAuthorization(ApiAuthorization.PolicyName);
        api.MapGet("/{id:int}", GetCall).WithName("GetCall").WithSummary("One call: status history, timings, outcome, transcript.");
        api.MapGet("/", ListCalls).WithName("ListCalls").WithSummary("Calls, newest first; ?payerId= for one payer's.");
        return api;
    }

    public static async Task<Results<Ok<CallDetails>, NotFound<ProblemDetails>>> GetCall(int id, IDbContextFactory<CollectIqDbContext> contexts, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var call = await db.Calls.AsNoTracking().AsSplitQuery()
            .Include(c => c.StatusHistory).Include(c => c.Transcript)
            .FirstOrDefaultAsync(c => c.Id == id, ct);
        return call is null
            ? TypedResults.NotFound(new ProblemDetails { Title = "Call not found.", Detail = $"There is no call {id}.", Status = StatusCodes.Status404NotFound })
            : TypedResults.Ok(CallDetails.From(call));
    }

    public static async Task<Results<Ok<List<CallSummary>>, NotFound<ProblemDetails>>> ListCalls(
        int? payerId, int? limit, IDbContextFactory<CollectIqDbContext> contexts, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Calls.AsNoTracking();
        if (payerId is { } pid)
        {
            if (!await db.Payers.AnyAsync(p => p.Id == pid, ct))
                return TypedResults.NotFound(new ProblemDetails { Title = "Payer not found.", Detail = $"There is no payer {pid}.", Status = StatusCodes.Status404NotFound });
            query = query.Where(c => c.PayerId == pid);
        }
        var take = Math.Clamp(limit ?? 100, 1, MaxListed);
        var calls = await query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Take(take).ToListAsync(ct);
        return TypedResults.Ok(calls.Select(CallSummary.From).ToList());
    }
}
