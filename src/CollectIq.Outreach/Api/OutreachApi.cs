using System.Security.Claims;
using CollectIq.Domain.Audit;
using CollectIq.Outreach.Audit;
using CollectIq.Outreach.Planning;
using CollectIq.Outreach.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CollectIq.Outreach.Api;

/// <summary>
/// The operator surface of automatic outreach. The host maps it inside its authenticated /api group:
/// <c>api.MapOutreachApi()</c> gives /api/outreach/plan, /pause, /resume, /state, /api/audit and the payer outcome
/// endpoints of <see cref="PayerOutcomesApi"/> (outreach-status, dispute, phone, payment-links).
/// </summary>
public static class OutreachApi
{
    public const int MaxAuditRows = 1000;

    public static IEndpointRouteBuilder MapOutreachApi(this IEndpointRouteBuilder api)
    {
        var outreach = api.MapGroup("/outreach").WithTags("Outreach");
        outreach.MapGet("/plan", GetPlan).WithName("GetOutreachPlan")
            .WithSummary("Dry run: who the next pass would call at 'at' (default now), in order, and who it would skip and why.");
        outreach.MapPost("/pause", Pause).WithName("PauseOutreach").WithSummary("Stops automatic outreach (all instances) until resumed.");
        outreach.MapPost("/resume", Resume).WithName("ResumeOutreach");
        outreach.MapGet("/state", GetState).WithName("GetOutreachState");
        api.MapGet("/audit", GetAudit).WithTags("Outreach").WithName("GetAudit")
            .WithSummary("Outreach decisions and operator actions, newest first, optionally for one payer.");
        api.MapPayerOutcomesApi();
        return api;
    }

    public static async Task<Ok<OutreachPlan>> GetPlan(DateTimeOffset? at, OutreachControl control, CancellationToken ct) =>
        TypedResults.Ok(await control.PlanAsync(at, ct));

    public static async Task<Ok<OutreachStateView>> Pause(OutreachControl control, ClaimsPrincipal user, CancellationToken ct)
    {
        await control.PauseAsync(ActorOf(user), ct);
        return TypedResults.Ok(OutreachStateView.From(await control.GetStateAsync(ct)));
    }

    public static async Task<Ok<OutreachStateView>> Resume(OutreachControl control, ClaimsPrincipal user, CancellationToken ct)
    {
        await control.ResumeAsync(ActorOf(user), ct);
        return TypedResults.Ok(OutreachStateView.From(await control.GetStateAsync(ct)));
    }

    public static async Task<Ok<OutreachStateView>> GetState(OutreachControl control, CancellationToken ct) =>
        TypedResults.Ok(OutreachStateView.From(await control.GetStateAsync(ct)));

    public static async Task<Results<Ok<IReadOnlyList<AuditEntry>>, ValidationProblem>> GetAudit(int? payerId, int? limit, IAuditLog audit, CancellationToken ct)
    {
        var rows = limit ?? 200;
        if (rows is < 1 or > MaxAuditRows)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"limit must be between 1 and {MaxAuditRows}."] });
        return TypedResults.Ok(await audit.ReadAsync(payerId, rows, ct));
    }

    /// <summary>"operator:alice" for a signed-in user, "api" for an anonymous key.</summary>
    public static string ActorOf(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? $"operator:{name}" : "api";
}

/// <summary>JSON shape of <see cref="OutreachState"/> (interval in minutes, readable).</summary>
public sealed record OutreachStateView(bool Enabled, bool Paused, double PassIntervalMinutes, DateTimeOffset? NextPassAt, DateTimeOffset? LastPassAt,
    int CallsScheduledToday, int DailyCap, string Store, bool Clustered)
{
    public static OutreachStateView From(OutreachState s) =>
        new(s.Enabled, s.Paused, s.PassInterval.TotalMinutes, s.NextPassAt, s.LastPassAt, s.CallsScheduledToday, s.DailyCap, s.Store, s.Clustered);
}
