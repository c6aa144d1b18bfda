using System.Security.Claims;
using Fireside.Data;
using Microsoft.AspNetCore.SignalR;

namespace Fireside.Web.Infrastructure;

/// <summary>Fills the scoped <see cref="CurrentUser"/> from the sign-in: per request for pages and the API, per call for the room's hub.</summary>
public static class CurrentUserSetup
{
    public static IServiceCollection AddCurrentUser(this IServiceCollection services)
    {
        services.AddScoped(sp =>
        {
            var http = sp.GetRequiredService<IHttpContextAccessor>().HttpContext;
            var user = From(http?.User, new CurrentUser());
            user.Address = http?.Connection.RemoteIpAddress?.ToString();
            return user;
        });
        return services;
    }

    public static CurrentUser From(ClaimsPrincipal? principal, CurrentUser into)
    {
        var user = principal?.Identity?.IsAuthenticated == true && principal.UserId() is { } id
            ? into.Become(id, principal.DisplayName() is { Length: > 0 } name ? name : "Someone", principal.IsAdmin())
            : into.Become(null, "", false);
        user.Via = user.IsSignedIn ? principal?.FindFirstValue(ApiTokenAuthenticationHandler.TokenClaim) : null;
        return user;
    }
}

/// <summary>
/// Each hub call runs in its own scope; this sets who it acts for. A live connection keeps the sign-in it opened
/// with, so every call asks again whether that sign-in still stands (account on, password unchanged, not signed
/// out, token not revoked) and takes the person's admin standing as it is now. When it no longer stands, the
/// connection leaves every room it joined and each call is refused (the screen then closes it and says why).
/// </summary>
public sealed class CurrentUserHubFilter : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var principal = invocationContext.Context.User;
        var current = invocationContext.ServiceProvider.GetRequiredService<CurrentUser>();
        CurrentUserSetup.From(principal, current);
        if (principal?.UserId() is { } id)
        {
            var identity = invocationContext.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Identity.IdentityOptions>>().Value.ClaimsIdentity;
            var held = new HeldSignIn(id, principal.FindFirstValue(identity.SecurityStampClaimType), principal.FindFirstValue(SessionCookies.SessionClaim),
                Guid.TryParse(principal.FindFirstValue(ApiTokenAuthenticationHandler.TokenIdClaim), out var token) ? token : null);
            if (await invocationContext.ServiceProvider.GetRequiredService<LiveSignIns>().StillStandsAsync(held, invocationContext.Context.ConnectionAborted) is not { } now)
            {
                await Features.Room.RoomHub.LeaveEveryRoomAsync(invocationContext.Context, invocationContext.Hub.Groups);
                throw new HubException("Your sign-in has ended. Please sign in again.");
            }

            current.Become(now.Id, now.Name, now.IsAdmin);
        }

        return await next(invocationContext);
    }
}
