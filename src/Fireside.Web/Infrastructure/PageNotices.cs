using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Fireside.Web.Infrastructure;

/// <summary>
/// A message for the next page only ("Saved.", or why a form was not taken): a form post's answer leaves it in a short,
/// protected cookie, and the page the browser is sent back to reads it and removes it. It is never in the address, so a
/// reload or a shared link does not show it again, and no link can put words of its own on one of our pages.
/// </summary>
public sealed class PageNotices(IDataProtectionProvider protection) : IMiddleware
{
    private const string CookieName = "fireside.notice";

    private const string ItemKey = "Fireside.PageNotice";

    /// <summary>Long enough for the redirect to land on a slow phone; short enough that a notice never turns up later.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Fireside.PageNotice").ToTimeLimitedDataProtector();

    /// <summary>The answer that sends the browser to <paramref name="page"/> (a local path, perhaps with a query) with a notice for it.</summary>
    public static IResult Redirect(string page, string? anchor, string key, string text) => new WithNotice(page, anchor, key, text);

    /// <summary>Leaves a notice for <paramref name="page"/>; for components that answer a post themselves.</summary>
    public static void Leave(HttpContext http, string page, string key, string text)
    {
        var notice = new Notice(PathOf(page), key, text);
        var protector = http.RequestServices.GetRequiredService<PageNotices>()._protector;
        var options = Options(http);
        options.MaxAge = Lifetime;
        http.Response.Cookies.Append(CookieName, protector.Protect(JsonSerializer.Serialize(notice), Lifetime), options);
    }

    /// <summary>The same cookie for writing and for removing: the browser only removes a cookie of the same path.</summary>
    private static CookieOptions Options(HttpContext http) =>
        new() { HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Lax, Path = "/" };

    /// <summary>The notice of this kind left for the page being shown, if any.</summary>
    public static string? Read(HttpContext? http, string key) =>
        http?.Items[ItemKey] is Notice notice && notice.Key == key ? notice.Text : null;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Cookies[CookieName] is { Length: > 0 } cookie && HttpMethods.IsGet(context.Request.Method))
        {
            var notice = Unprotect(cookie);
            if (notice is null || string.Equals(notice.Path, context.Request.Path.Value, StringComparison.OrdinalIgnoreCase))
            {
                // Read once: shown on this page, and gone for the next request (or dropped when it cannot be read).
                context.Items[ItemKey] = notice;
                context.Response.Cookies.Delete(CookieName, Options(context));
            }
        }

        await next(context);
    }

    private Notice? Unprotect(string cookie)
    {
        try
        {
            // Past its lifetime (the protector keeps to the real clock), it cannot be read.
            return JsonSerializer.Deserialize<Notice>(_protector.Unprotect(cookie));
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    private static string PathOf(string page) => page.Split('?', '#')[0];

    private sealed record Notice(string Path, string Key, string Text);

    private sealed class WithNotice(string page, string? anchor, string key, string text) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            Leave(httpContext, page, key, text);
            return Results.LocalRedirect(anchor is { Length: > 0 } ? $"{page}#{anchor}" : page).ExecuteAsync(httpContext);
        }
    }
}

/// <summary>The kinds of notice a page may show, one at a time.</summary>
public static class NoticeKind
{
    /// <summary>Why what was sent was not taken (shown as an alert).</summary>
    public const string Problem = "problem";

    /// <summary>What was done (shown as a status).</summary>
    public const string Done = "done";

    /// <summary>Why an import into the review was not taken.</summary>
    public const string ImportProblem = "import-problem";

    /// <summary>Why restoring a review from its archive was not taken.</summary>
    public const string RestoreProblem = "restore-problem";

    /// <summary>The id of the review just deleted, for its way back.</summary>
    public const string Deleted = "deleted";
}
