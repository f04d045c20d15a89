using Microsoft.AspNetCore.Http;

namespace CollectIq.Simulator.Api;

/// <summary>Twilio's REST error body: <c>{"code":21211,"message":"…","more_info":"https://www.twilio.com/docs/errors/21211","status":400}</c>.</summary>
internal static class TwilioErrors
{
    public static IResult Error(int httpStatus, int code, string message) =>
        Results.Json(new Dictionary<string, object>
        {
            ["code"] = code,
            ["message"] = message,
            ["more_info"] = $"https://www.twilio.com/docs/errors/{code}",
            ["status"] = httpStatus,
        }, statusCode: httpStatus);

    public static IResult Unauthorized() => Error(401, 20003, "Authenticate");

    public static IResult NotFound(string path) => Error(404, 20404, $"The requested resource {path} was not found");

    public static IResult Injected(int httpStatus) => httpStatus switch
    {
        429 => Error(429, 20429, "Too Many Requests"),
        503 => Error(503, 20503, "Service Unavailable"),
        _ => Error(httpStatus, 20500, "Internal Server Error"),
    };
}
