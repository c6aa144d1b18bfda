using Fireside.Core;
using Fireside.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Web.Features.Users;

public sealed record UserView(string Id, string Email, string DisplayName, string TimeZone, bool IsAdmin, DateTimeOffset CreatedAt, DateTimeOffset? LockedUntil);

public sealed record NewUserRequest(string? Email, string? DisplayName, string? Password, bool Admin, string? TimeZone);

/// <summary>Accounts, for admins.</summary>
public static class UsersApi
{
    public static void MapUsersApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("People").RequireAuthorization(Policies.Admin);

        users.MapGet("/", async (FiresideDb db, UserManager<FiresideUser> manager) =>
        {
            var admins = (await manager.GetUsersInRoleAsync(Roles.Admin)).Select(u => u.Id).ToHashSet();
            var list = await db.Users.OrderBy(u => u.DisplayName).ToListAsync();
            return TypedResults.Ok(list.Select(u => ToView(u, admins.Contains(u.Id))).ToList());
        });

        users.MapPost("/", async Task<Created<UserView>> (NewUserRequest request, UserManager<FiresideUser> manager, RoleManager<IdentityRole> roles, TimeProvider clock) =>
        {
            var errors = new ValidationErrors();
            if (string.IsNullOrWhiteSpace(request.Email))
            {
                errors.Add("email", "Please give the person's email.");
            }

            if (string.IsNullOrEmpty(request.Password))
            {
                errors.Add("password", "Please give a first password (at least 10 characters).");
            }

            if (!errors.IsValid)
            {
                throw new DomainValidationException(errors);
            }

            var (user, result) = await FiresideAccounts.CreateAsync(
                manager, roles, request.Email!, request.DisplayName, request.Password!, request.Admin, request.TimeZone, clock.GetUtcNow().UtcDateTime);
            if (!result.Succeeded)
            {
                foreach (var error in result.Errors)
                {
                    errors.Add(error.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "email", error.Description);
                }

                throw new DomainValidationException(errors);
            }

            return TypedResults.Created($"/api/users/{user.Id}", ToView(user, request.Admin));
        });
    }

    private static UserView ToView(FiresideUser u, bool admin) =>
        new(u.Id, u.Email ?? "", u.DisplayName, u.TimeZone, admin, new DateTimeOffset(DateTime.SpecifyKind(u.CreatedAt, DateTimeKind.Utc)),
            u.LockoutEnd is { } end && end > DateTimeOffset.UtcNow ? end : null);
}
