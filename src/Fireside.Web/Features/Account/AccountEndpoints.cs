using Fireside.Data;
using Fireside.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Web.Features.Account;

/// <summary>Plain form posts for the account pages: they work without JavaScript.</summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/signout", async (SignInManager<FiresideUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/signin");
        }).ExcludeFromDescription().RequireAntiforgery();

        app.MapPost("/account/tokens/{id:guid}/revoke", async (Guid id, HttpContext http, FiresideDb db, TimeProvider clock) =>
        {
            var userId = http.User.UserId();
            var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == userId);
            if (token is null)
            {
                return Results.NotFound();
            }

            token.RevokedAt ??= clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync();
            return Results.LocalRedirect("/account#tokens");
        }).ExcludeFromDescription().RequireAntiforgery();
    }
}
