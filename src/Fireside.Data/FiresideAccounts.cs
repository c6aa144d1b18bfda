using Microsoft.AspNetCore.Identity;

namespace Fireside.Data;

/// <summary>Creating accounts the same way from the setup page, the admin page, the API and the CLI.</summary>
public static class FiresideAccounts
{
    public static async Task<(FiresideUser User, IdentityResult Result)> CreateAsync(
        UserManager<FiresideUser> users,
        RoleManager<IdentityRole> roles,
        string email,
        string? displayName,
        string? password,
        bool admin,
        string? timeZone,
        DateTime now)
    {
        email = email.Trim();
        var user = new FiresideUser
        {
            UserName = email,
            Email = email,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? email.Split('@')[0] : displayName.Trim(),
            TimeZone = !string.IsNullOrWhiteSpace(timeZone) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _) ? timeZone : "UTC",
            EmailConfirmed = true,
            CreatedAt = now,
        };
        // Without a password the account waits for its person to choose one through an invitation link.
        var result = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (!result.Succeeded || !admin)
        {
            return (user, result);
        }

        if (!await roles.RoleExistsAsync(Roles.Admin))
        {
            await roles.CreateAsync(new IdentityRole(Roles.Admin));
        }

        return (user, await users.AddToRoleAsync(user, Roles.Admin));
    }
}

/// <summary>Identity settings shared by the web app and the CLI, so a password accepted in one is accepted in the other.</summary>
public static class FiresideIdentity
{
    public const int PasswordMinLength = 10;

    public static void Configure(IdentityOptions options)
    {
        options.User.RequireUniqueEmail = true;
        options.Password.RequiredLength = PasswordMinLength;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireDigit = false;
        // Five wrong passwords in a row pause the account for five minutes; it opens again by itself, so
        // someone guessing can slow a person down by minutes at most, never lock them out for good.
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
    }
}
