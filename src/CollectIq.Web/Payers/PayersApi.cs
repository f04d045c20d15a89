using CollectIq.Data.Payers;
using CollectIq.Domain.Dunning;
using CollectIq.Outreach.Dialing;
using CollectIq.Web.Auth;
using CollectIq.Web.Payers.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;

namespace CollectIq.Web.Payers;

/// <summary>/api/payers: create, list by stage, read one, and start an outreach call.</summary>
public static class PayersApi
{
    public static RouteGroupBuilder MapPayersApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/payers").WithTags("Payers").RequireAuthorization(ApiAuthorization.PolicyName);
        api.MapPost("/", CreatePayer).WithName("CreatePayer").WithSummary("Adds a payer with its invoices.");
        api.MapGet("/", ListPayers).WithName("ListPayers").WithSummary("Lists payers with their dunning stage; ?stage=STAGE_3 filters.");
        api.MapGet("/{id:int}", GetPayer).WithName("GetPayer").WithSummary("One payer with its invoices.");
        api.MapPost("/{id:int}/outreach", StartOutreach).WithName("StartOutreach")
            .WithSummary("Places a collections call now (STAGE_3 payers only).")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status502BadGateway);
        return api;
    }

    public static async Task<Results<Created<PayerCreated>, ValidationProblem>> CreatePayer(
        NewPayer payer, PayerDraftValidator validator, PayerWriter writer, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = validator.Validate(payer);
        if (!result.IsValid) return TypedResults.ValidationProblem(result.Errors, title: "The payer is invalid.");
        var id = await writer.AddAsync(result.Payer!, ApiAuthorization.ActorOf(user), ct);
        return TypedResults.Created($"/api/payers/{id}", new PayerCreated(id));
    }

    public static async Task<Results<Ok<List<PayerSummary>>, ValidationProblem>> ListPayers(string? stage, PayerBook book, CancellationToken ct)
    {
        DunningStage? wanted = null;
        if (!string.IsNullOrWhiteSpace(stage))
        {
            if (!DunningStageNames.TryParse(stage, out var parsed))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["stage"] = [$"'{stage}' is not a stage; use STAGE_1, STAGE_2 or STAGE_3."] });
            wanted = parsed;
        }
        var standings = await book.ListAsync(wanted, ct);
        return TypedResults.Ok(standings.Select(PayerSummary.From).ToList());
    }

    public static async Task<Results<Ok<PayerDetails>, NotFound<Microsoft.AspNetCore.Mvc.ProblemDetails>>> GetPayer(int id, PayerBook book, CancellationToken ct) =>
        await book.FindAsync(id, ct) is { } standing
            ? TypedResults.Ok(PayerDetails.From(standing))
            : TypedResults.NotFound(NotFoundProblem(id));

    public static async Task<Results<Accepted<OutreachAccepted>, NotFound<Microsoft.AspNetCore.Mvc.ProblemDetails>, ProblemHttpResult>> StartOutreach(
        int id, OutreachService outreach, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await outreach.PlaceCallAsync(id, ApiAuthorization.ActorOf(user), ct);
        return result switch
        {
            OutreachResult.Placed placed => TypedResults.Accepted($"/api/calls/{placed.CallId}", new OutreachAccepted(placed.CallId, placed.CallSid)),
            OutreachResult.PayerNotFound => TypedResults.NotFound(NotFoundProblem(id)),
            OutreachResult.Refused refused => TypedResults.Problem(
                title: "The payer must not be called now.", detail: refused.Refusal.Reason, statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["code"] = refused.Refusal.Code }),
            OutreachResult.TelephonyFailed failed => TypedResults.Problem(
                title: "Twilio did not place the call.", detail: failed.Message, statusCode: StatusCodes.Status502BadGateway,
                extensions: new Dictionary<string, object?> { ["callId"] = failed.CallId, ["twilioCode"] = failed.TwilioCode }),
            _ => throw new InvalidOperationException($"Unexpected outreach result {result}"),
        };
    }

    private static Microsoft.AspNetCore.Mvc.ProblemDetails NotFoundProblem(int id) =>
        new() { Title = "Payer not found.", Detail = $"There is no payer {id}.", Status = StatusCodes.Status404NotFound };
}
