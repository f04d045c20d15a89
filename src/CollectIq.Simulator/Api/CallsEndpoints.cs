using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using CollectIq.Domain.Calls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CollectIq.Simulator.Api;

/// <summary>Twilio's Calls API on the stand-in: create, fetch and update (end) calls, with basic auth and injected faults.</summary>
internal static class CallsEndpoints
{
    private const string Calls = "/2010-04-01/Accounts/{accountSid}/Calls.json";
    private const string OneCall = "/2010-04-01/Accounts/{accountSid}/Calls/{callSid}.json";
    private static readonly TimeSpan EndWait = TimeSpan.FromMilliseconds(500);

    public static void MapCallsApi(this IEndpointRouteBuilder routes, FakeTwilio twilio)
    {
        routes.MapPost(Calls, Handle(twilio, CreateAsync));
        routes.MapGet(OneCall, Handle(twilio, FetchAsync));
        routes.MapPost(OneCall, Handle(twilio, UpdateAsync));
    }

    private static RequestDelegate Handle(FakeTwilio twilio, Func<FakeTwilio, HttpContext, Task<IResult>> handler) => async context =>
    {
        IResult result;
        if (twilio.Faults.TryTake(out var injected)) result = TwilioErrors.Injected(injected);
        else if (!IsAuthorized(twilio, context)) result = TwilioErrors.Unauthorized();
        else result = await handler(twilio, context).ConfigureAwait(false);
        await result.ExecuteAsync(context).ConfigureAwait(false);
    };

    private static async Task<IResult> CreateAsync(FakeTwilio twilio, HttpContext context)
    {
        if (await ReadFormAsync(context).ConfigureAwait(false) is not { } form) return MalformedForm();
        var (request, error) = CreateCallForm.Parse(form);
        if (error is not null) return error;
        var call = twilio.Place(request!);
        return Results.Json(CallResource.For(call), statusCode: StatusCodes.Status201Created);
    }

    private static Task<IResult> FetchAsync(FakeTwilio twilio, HttpContext context) =>
        Task.FromResult(twilio.Calls.TryGet(CallSid(context), out var call)
            ? Results.Json(CallResource.For(call))
            : TwilioErrors.NotFound(context.Request.Path));

    private static async Task<IResult> UpdateAsync(FakeTwilio twilio, HttpContext context)
    {
        if (!twilio.Calls.TryGet(CallSid(context), out var call)) return TwilioErrors.NotFound(context.Request.Path);
        if (await ReadFormAsync(context).ConfigureAwait(false) is not { } form) return MalformedForm();
        var status = form["Status"].ToString();
        switch (status)
        {
            case CallStatuses.Completed:
                call.HangUp("ended through the API");
                break;
            case CallStatuses.Canceled:
                // Twilio cancels only calls not yet answered; an answered call goes on.
                if (call.AnsweredAt is null) call.HangUp("canceled through the API");
                break;
            case "":
                return TwilioErrors.Error(400, 20001, "The stand-in only supports updating Status (completed or canceled).");
            default:
                return TwilioErrors.Error(400, 21218, $"Invalid Status '{status}': use completed or canceled.");
        }
        // Twilio answers with the ended call; give our runner a moment to get there.
        await Task.WhenAny(WhenEnded(call), Task.Delay(EndWait, twilio.Time)).ConfigureAwait(false);
        return Results.Json(CallResource.For(call));
    }

    private static async Task WhenEnded(Calls.SimulatedCall call)
    {
        await foreach (var _ in call.WatchAsync().ConfigureAwait(false))
            if (CallStatuses.IsTerminal(call.Status)) return;
    }

    /// <summary>The form, empty when the body is not a form, null when it is a broken one.</summary>
    private static async Task<IFormCollection?> ReadFormAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType) return FormCollection.Empty;
        try
        {
            return await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return null;
        }
    }

    private static IResult MalformedForm() => TwilioErrors.Error(400, 20001, "The request body is not a valid application/x-www-form-urlencoded form.");

    private static string CallSid(HttpContext context) => context.Request.RouteValues["callSid"]?.ToString() ?? "";

    private static bool IsAuthorized(FakeTwilio twilio, HttpContext context)
    {
        if (!AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
            return false;
        string credentials;
        try
        {
            credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return false;
        }
        var expected = twilio.AccountSid + ":" + twilio.AuthToken;
        var pathAccount = context.Request.RouteValues["accountSid"]?.ToString();
        return pathAccount == twilio.AccountSid
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(credentials), Encoding.UTF8.GetBytes(expected));
    }
}
