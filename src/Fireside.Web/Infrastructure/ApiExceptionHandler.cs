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
        // By now the middleware has pointed the request at the error page; the feature keeps the original path.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path;
        if (!path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
        {
            // A button pressed on a page for something already gone: show the friendly not-found page.
            // (Re-running a POST against the error page cannot render it.)
            if (exception is NotFoundException && !HttpMethods.IsGet(httpContext.Request.Method))
            {
                httpContext.Response.Redirect("/not-found");
                return true;
            }

            // A button that is not this person's to press (the page hides it; a crafted post still ends here).
            if (exception is ForbiddenException && !HttpMethods.IsGet(httpContext.Request.Method))
            {
                httpContext.Response.Redirect("/account/denied");
                return true;
            }

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
            ForbiddenException { RestrictedReviewId: { } restricted } forbidden => new ProblemDetails
            {
                // That the review exists and how to ask: never its title or anything in it.
                Status = StatusCodes.Status403Forbidden,
                Title = "This review is restricted.",
                Detail = forbidden.Message,
                Extensions = { ["accessRequest"] = $"/api/reviews/{restricted}/access-requests" },
            },
            ForbiddenException forbidden => new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "This is not open to you.",
                Detail = forbidden.Message,
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
            LogUnhandled(logger, httpContext.Request.Method, path, exception);
        }

        httpContext.Response.StatusCode = problem.Status ?? 500;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
        return true;
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

    /// <summary>Mistakes in a request are the caller's to fix, not errors worth an error log line.</summary>
    public static bool IsExpected(Exception exception) =>
        exception is DomainValidationException or NotFoundException or ForbiddenException or ConflictException or DbUpdateConcurrencyException or BadHttpRequestException;

    /// <summary>The status a page gets for the same mistakes, so a missing review is a 404 there too.</summary>
    public static int StatusCodeFor(Exception exception) => exception switch
    {
        NotFoundException => StatusCodes.Status404NotFound,
        ForbiddenException => StatusCodes.Status403Forbidden,
        DomainValidationException or BadHttpRequestException => StatusCodes.Status400BadRequest,
        ConflictException or DbUpdateConcurrencyException => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status500InternalServerError,
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error in {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, string method, string path, Exception exception);
}
