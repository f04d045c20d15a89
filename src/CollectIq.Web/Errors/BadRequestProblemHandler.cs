using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CollectIq.Web.Errors;

/// <summary>
/// Turns a body that does not bind (bad JSON, "abc" for an amount, "2024-13-40" for a date) into a
/// validation problem that names the field, e.g. <c>invoices[0].dueDate</c>, instead of a bare 400.
/// </summary>
internal sealed partial class BadRequestProblemHandler(IProblemDetailsService problems, ILogger<BadRequestProblemHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest) return false;

        ProblemDetails problem;
        if (FindJsonException(badRequest) is { } json)
        {
            var field = FieldOf(json.Path);
            problem = new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [field] = [field.Length == 0 ? "The body is not valid JSON." : $"The value of '{field}' has the wrong type or format."],
            })
            { Title = "The request body is invalid.", Status = StatusCodes.Status400BadRequest };
        }
        else
        {
            problem = new ProblemDetails { Title = "Bad request.", Detail = badRequest.Message, Status = badRequest.StatusCode };
        }
        LogBadRequest(logger, httpContext.Request.Path, problem.Title ?? "");
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static JsonException? FindJsonException(Exception exception)
    {
        for (var e = exception.InnerException; e is not null; e = e.InnerException)
            if (e is JsonException json) return json;
        return null;
    }

    /// <summary>"$.invoices[0].dueDate" → "invoices[0].dueDate"; "$" → "".</summary>
    internal static string FieldOf(string? path) => (path ?? "$").TrimStart('$').TrimStart('.');

    [LoggerMessage(Level = LogLevel.Information, Message = "Bad request to {Path}: {Title}")]
    private static partial void LogBadRequest(ILogger logger, string path, string title);
}
