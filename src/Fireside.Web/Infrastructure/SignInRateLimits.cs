using System.Threading.RateLimiting;

namespace Fireside.Web.Infrastructure;

/// <summary>
/// Guessing passwords from one address is slowed down: each address may try to sign in (or set up the first
/// account) a few times a minute (Security:SignInAttemptsPerMinute, default 10). Further tries get 429 and a
/// plain message until the minute is over. Pages and the API are not limited.
/// </summary>
public static class SignInRateLimits
{
    public static IServiceCollection AddSignInRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = Math.Max(1, configuration.GetValue("Security:SignInAttemptsPerMinute", 10));
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsSignInAttempt(context.Request)
                    ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = perMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter("not signing in"));
            options.OnRejected = async (rejected, token) =>
            {
                rejected.HttpContext.Response.Headers.RetryAfter = "60";
                rejected.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await rejected.HttpContext.Response.WriteAsync("Too many sign-in attempts from this address. Please wait a minute, then try again.", token);
            };
        });
    }

    private static bool IsSignInAttempt(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && (request.Path.Equals("/account/signin", StringComparison.OrdinalIgnoreCase) || request.Path.Equals("/setup", StringComparison.OrdinalIgnoreCase));
}
