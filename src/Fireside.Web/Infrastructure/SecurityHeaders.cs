using Scalar.AspNetCore;

namespace Fireside.Web.Infrastructure;

/// <summary>
/// Headers every answer carries: scripts only from Fireside itself (no inline script, no inline event
/// handlers), no framing by other sites, no guessing of content types, and no review addresses leaking to
/// other sites through the Referer header. Images may come from elsewhere, since a moment can link to a
/// dashboard's graph.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next, Microsoft.Extensions.Options.IOptions<Features.Account.OidcOptions> oidc)
{
    public static string Policy(string scriptExtra = "", string styleExtra = "", string formExtra = "") =>
        $"default-src 'self'; script-src 'self'{scriptExtra}; style-src 'self'{styleExtra}; img-src 'self' https: http: data:; font-src 'self'; " +
        $"connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'{formExtra}; frame-ancestors 'none'";

    /// <summary>Signing out is a form that ends at the identity provider (its end-session page): the provider's origin may receive it.</summary>
    private readonly string _formExtra = oidc.Value.Enabled && Uri.TryCreate(oidc.Value.Authority, UriKind.Absolute, out var authority)
        ? $" {authority.GetLeftPart(UriPartial.Authority)}"
        : "";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers.XFrameOptions = "DENY";
            if (!headers.ContainsKey("Content-Security-Policy"))
            {
                // The API reference page (Scalar) starts itself with one inline module script carrying a fresh nonce, and styles itself inline.
                var nonce = context.Items.TryGetValue(ScalarOptions.NonceHttpContextItemKey, out var value) ? $" 'nonce-{value}'" : "";
                var inlineStyles = context.Request.Path.StartsWithSegments("/api-reference") ? " 'unsafe-inline'" : "";
                headers.ContentSecurityPolicy = Policy(nonce, inlineStyles, _formExtra);
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
