using Microsoft.AspNetCore.Antiforgery;
using Fireside.Web.Features.Facilitation;
using Microsoft.Extensions.Options;

namespace Fireside.Web.Infrastructure;

/// <summary>
/// Another site cannot make a signed-in person's browser change something here. A change to the API made
/// with the sign-in cookie must come from Fireside's own pages: the browser says so (Sec-Fetch-Site
/// same-origin, or an Origin of this Fireside), or the request carries the antiforgery token in the
/// RequestVerificationToken header. Calls with an API token (Authorization: Bearer) are a script's own, so
/// they pass. The live room's connection refuses pages from another origin outright. Page forms carry
/// their antiforgery token already.
/// </summary>
public sealed partial class CrossSiteGuard(RequestDelegate next, IAntiforgery antiforgery, IOptions<NotificationOptions> notifications, ILogger<CrossSiteGuard> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var isHub = path.StartsWithSegments("/hubs");
        var isApiChange = path.StartsWithSegments("/api") && !HttpMethods.IsGet(context.Request.Method)
            && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method);
        if (isHub && ForeignOrigin(context) is { } origin)
        {
            LogRefused(logger, context.Request.Method, path, origin);
            await RefuseAsync(context, "The live room only takes connections from Fireside's own pages.");
            return;
        }

        if (isApiChange && !ApiTokenAuthenticationHandler.HasBearer(context.Request) && HasCookie(context) && !await FromOwnPagesAsync(context))
        {
            LogRefused(logger, context.Request.Method, path, context.Request.Headers.Origin.ToString());
            await RefuseAsync(context, "This change came from outside Fireside's pages, so it was not made. Scripts use an API token (Authorization: Bearer); pages send their antiforgery token.");
            return;
        }

        await next(context);
    }

    private static bool HasCookie(HttpContext context) => context.Request.Cookies.ContainsKey("fireside");

    private async Task<bool> FromOwnPagesAsync(HttpContext context)
    {
        var site = context.Request.Headers["Sec-Fetch-Site"].ToString();
        if (site is "same-origin")
        {
            return true;
        }

        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && site is "" or "same-site" or "cross-site" or "none")
        {
            return IsOwnOrigin(context, origin);
        }

        return context.Request.Headers.ContainsKey("RequestVerificationToken") && await antiforgery.IsRequestValidAsync(context);
    }

    /// <summary>The Origin the request names, when it is not this Fireside's; null when there is none or it is ours.</summary>
    private string? ForeignOrigin(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        return origin.Length == 0 || IsOwnOrigin(context, origin) ? null : origin;
    }

    private bool IsOwnOrigin(HttpContext context, string origin)
    {
        var own = $"{context.Request.Scheme}://{context.Request.Host}";
        if (string.Equals(origin, own, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return notifications.Value.PublicUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out var configured)
            && string.Equals(origin, configured.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);
    }

    private static async Task RefuseAsync(HttpContext context, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status403Forbidden, Title = "Not from Fireside's own pages.", Detail = detail },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a cross-site {Method} {Path} (origin {Origin})")]
    private static partial void LogRefused(ILogger logger, string method, string path, string origin);
}
