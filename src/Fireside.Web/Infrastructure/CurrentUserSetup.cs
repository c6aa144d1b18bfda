using System.Security.Claims;
using Fireside.Data;
using Microsoft.AspNetCore.SignalR;

namespace Fireside.Web.Infrastructure;

/// <summary>Fills the scoped <see cref="CurrentUser"/> from the sign-in: per request for pages and the API, per call for the room's hub.</summary>
public static class CurrentUserSetup
{
    public static IServiceCollection AddCurrentUser(this IServiceCollection services)
    {
        services.AddScoped(sp => From(sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User, new CurrentUser()));
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

/// <summary>Each hub call runs in its own scope; this sets who it acts for from the connection's sign-in.</summary>
public sealed class CurrentUserHubFilter : IHubFilter
{
    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        CurrentUserSetup.From(invocationContext.Context.User, invocationContext.ServiceProvider.GetRequiredService<CurrentUser>());
        return next(invocationContext);
    }
}
