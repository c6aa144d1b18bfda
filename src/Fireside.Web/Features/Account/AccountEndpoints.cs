using Fireside.Data;
using Fireside.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Web.Features.Account;

/// <summary>Plain form posts for the account pages: they work without JavaScript.</summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/signout", async (HttpContext http, SignInManager<FiresideUser> signIn, AccountOperations account, TimeProvider clock, CancellationToken ct) =>
        {
            // The cookie goes from this browser, and its session is remembered as ended, so a copy of it is refused too.
            if (http.User.FindFirst(SessionCookies.SessionClaim)?.Value is { } session)
            {
                await account.EndSessionAsync(session, clock.GetUtcNow().UtcDateTime + SessionCookies.Lifetime, ct);
            }

            await signIn.SignOutAsync();
            if (http.User.HasClaim(c => c.Type == CompanySignIn.ViaClaim))
            {
                // Signed in through the provider: end its session too (it sends the browser back to the sign-in page).
                // A provider without an end-session endpoint, or out of reach, leaves only Fireside's session ended.
                try
                {
                    await http.SignOutAsync(CompanySignIn.Scheme, new Microsoft.AspNetCore.Authentication.AuthenticationProperties { RedirectUri = "/account/signin" });
                    return Results.Empty;
                }
                catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException)
                {
                    http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AccountEndpoints)).LogWarning(e, "Could not end the session at the identity provider");
                }
            }

            return Results.LocalRedirect("/account/signin");
        }).ExcludeFromDescription().RequireAntiforgery();

        app.MapPost("/account/tokens/{id:guid}/revoke", async (Guid id, AccountOperations account, CancellationToken ct) =>
        {
            await account.RevokeTokenAsync(id, ct);
            return Results.LocalRedirect("/account#tokens");
        }).ExcludeFromDescription().RequireAntiforgery();
    }
}
