using System.Text.Json;
using Fireside.Core;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Web.Infrastructure;

/// <summary>
/// Turns what went wrong in an API call into RFC 9457 problem details with a message a person can act on.
/// Page requests fall through to the error page.
/// </summary>
public sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!httpContext.Request.Path.StartsWithSegments("/api"))
        {
            return false;
        }

        ProblemDetails problem = exception switch
        {
            DomainValidationException invalid => new HttpValidationProblemDetails(invalid.Errors.ToDictionary())
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Some fields need another look.",
            },
            BadHttpRequestException bad => BadRequest(bad),
            NotFoundException missing => new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = "Not found.",
                Detail = missing.Message,
            },
            ConflictException or DbUpdateConcurrencyException => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Someone else saved a change first.",
                Detail = exception is ConflictException c ? c.Message
                    : "This was changed by someone else after you loaded it, so your change was not saved. Load it again, then reapply your change.",
            },
            _ => new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Something went wrong on our side.",
                Detail = "The error was logged. Please try again; if it keeps happening, tell whoever runs this Fireside.",
            },
        };

        if (problem.Status == StatusCodes.Status500InternalServerError)
        {
            LogUnhandled(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
        }

        httpContext.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails BadRequest(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            var field = (json.Path ?? "$").TrimStart('$', '.');
            var name = field.Length == 0 ? "body" : field;
            return new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [name] = [field.Length == 0
                    ? "The request body is not valid JSON."
                    : $"The value of \"{field}\" could not be read. Times are ISO 8601 with a zone, such as 2026-11-24T10:42:00Z; lists are JSON arrays."],
            })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request could not be read.",
            };
        }

        return new ProblemDetails
        {
            Status = bad.StatusCode,
            Title = "The request could not be read.",
            Detail = bad.Message,
        };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error in {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, string method, string path, Exception exception);
}
