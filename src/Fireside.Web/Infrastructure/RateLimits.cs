using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;

namespace Fireside.Web.Infrastructure;

/// <summary>
/// Guessing passwords from one address is slowed down: each address may try to sign in (or set up the first
/// account) a few times a minute (Security:SignInAttemptsPerMinute, default 10). Searching, the most costly read,
/// is limited per person (per address before signing in): Security:SearchesPerMinute, default 120, far above what
/// someone typing reaches, so a script searching in a loop cannot keep the database busy for everyone. Asking for
/// access to restricted reviews is limited per person (Security:AccessRequestsPerHour, default 20), so nobody's
/// facilitators are flooded with email. Further tries get 429 and a plain message until the window is over.
/// Other pages and the API are not limited.
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var signIns = Math.Max(1, configuration.GetValue("Security:SignInAttemptsPerMinute", 10));
        var searches = Math.Max(1, configuration.GetValue("Security:SearchesPerMinute", 120));
        var accessRequests = Math.Max(1, configuration.GetValue("Security:AccessRequestsPerHour", 20));
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return IsSignInAttempt(context.Request) ? PerMinute($"sign-in:{address}", signIns)
                    : IsSearch(context.Request) ? PerMinute($"search:{context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? address}", searches)
                    : IsAccessRequest(context.Request) ? PerWindow($"access:{context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? address}", accessRequests, TimeSpan.FromHours(1))
                    : RateLimitPartition.GetNoLimiter("not limited");
            });
            options.OnRejected = async (rejected, token) =>
            {
                var http = rejected.HttpContext;
                var access = IsAccessRequest(http.Request);
                http.Response.Headers.RetryAfter = access ? "3600" : "60";
                var message = access ? "You have asked for access many times in the last hour. Please wait a while, or talk to the review's facilitators."
                    : IsSearch(http.Request) ? "You have searched many times in the last minute. Please wait a moment, then search again."
                    : "Too many sign-in attempts from this address. Please wait a minute, then try again.";
                if (http.Request.Path.StartsWithSegments("/api"))
                {
                    await http.Response.WriteAsJsonAsync(
                        new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = message },
                        options: null,
                        contentType: "application/problem+json",
                        cancellationToken: token);
                    return;
                }

                http.Response.ContentType = "text/plain; charset=utf-8";
                await http.Response.WriteAsync(message, token);
            };
        });
    }

    private static RateLimitPartition<string> PerMinute(string key, int permits) => PerWindow(key, permits, TimeSpan.FromMinutes(1));

    private static RateLimitPartition<string> PerWindow(string key, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 });

    /// <summary>Asking for access to a restricted review, from its page or the API.</summary>
    private static bool IsAccessRequest(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Value?.EndsWith("/access-requests", StringComparison.OrdinalIgnoreCase) == true;

    private static bool IsSignInAttempt(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && (request.Path.Equals("/account/signin", StringComparison.OrdinalIgnoreCase) || request.Path.Equals("/setup", StringComparison.OrdinalIgnoreCase));

    /// <summary>A search: the API's, or the library page with a query or a filter (the library's home, without one, is not).</summary>
    private static bool IsSearch(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && (request.Path.Equals("/api/search", StringComparison.OrdinalIgnoreCase) || (request.Path.Equals("/library", StringComparison.OrdinalIgnoreCase) && request.QueryString.HasValue));
}
