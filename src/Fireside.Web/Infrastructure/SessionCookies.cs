using System.Security.Claims;
using Fireside.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Web.Infrastructure;

/// <summary>
/// Each sign-in is a session with its own id inside the cookie. Signing out records the session as ended, so
/// the cookie is refused from then on even where a copy of it survives; a changed security stamp (password
/// changed, account switched off) ends every session of that person at its next request.
/// </summary>
public static class SessionCookies
{
    public const string SessionClaim = "fireside:session";

    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    public static void Configure(CookieAuthenticationOptions options)
    {
        options.ExpireTimeSpan = Lifetime;
        options.Events.OnSigningIn = context =>
        {
            if (context.Principal?.Identity is ClaimsIdentity identity)
            {
                // A refreshed sign-in of the same person (a profile or password saved) stays the same session, and still
                // says it came through the provider: otherwise a copy of the old cookie would outlive signing out.
                var current = context.HttpContext.User;
                var samePerson = current.Identity?.IsAuthenticated == true && current.UserId() is { } id && id == identity.FindFirst(ClaimTypes.NameIdentifier)?.Value;
                foreach (var kept in new[] { SessionClaim, Features.Account.CompanySignIn.ViaClaim })
                {
                    if (samePerson && !identity.HasClaim(c => c.Type == kept) && current.FindFirst(kept) is { } claim)
                    {
                        identity.AddClaim(new Claim(kept, claim.Value));
                    }
                }

                if (!identity.HasClaim(c => c.Type == SessionClaim))
                {
                    identity.AddClaim(new Claim(SessionClaim, Guid.NewGuid().ToString("N")));
                }
            }

            return Task.CompletedTask;
        };
        options.Events.OnValidatePrincipal = async context =>
        {
            await SecurityStampValidator.ValidatePrincipalAsync(context);
            if (context.Principal?.FindFirst(SessionClaim)?.Value is { } session
                && await context.HttpContext.RequestServices.GetRequiredService<FiresideDb>().EndedSessions.AnyAsync(s => s.Id == session, context.HttpContext.RequestAborted))
            {
                context.RejectPrincipal();
            }
        };
    }

    /// <summary>When the security stamp check builds a fresh sign-in, it stays the same session (and still says it came through the provider).</summary>
    public static void KeepSession(SecurityStampValidatorOptions options)
    {
        options.ValidationInterval = TimeSpan.Zero;
        options.OnRefreshingPrincipal = context =>
        {
            foreach (var kept in new[] { SessionClaim, Features.Account.CompanySignIn.ViaClaim })
            {
                if (context.CurrentPrincipal?.FindFirst(kept) is { } claim && context.NewPrincipal?.Identity is ClaimsIdentity identity && !identity.HasClaim(c => c.Type == kept))
                {
                    identity.AddClaim(new Claim(kept, claim.Value));
                }
            }

            return Task.CompletedTask;
        };
    }
}
