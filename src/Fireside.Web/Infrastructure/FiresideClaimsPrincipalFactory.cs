using System.Security.Claims;
using Fireside.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Fireside.Web.Infrastructure;

/// <summary>Adds the person's display name and time zone to their sign-in, so pages need no lookup.</summary>
public sealed class FiresideClaimsPrincipalFactory(
    UserManager<FiresideUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<FiresideUser, IdentityRole>(users, roles, options)
{
    public const string DisplayNameClaim = "fireside:name";
    public const string TimeZoneClaim = "fireside:tz";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(FiresideUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? "" : user.DisplayName));
        identity.AddClaim(new Claim(TimeZoneClaim, user.TimeZone));
        return identity;
    }
}

public static class ClaimsPrincipalExtensions
{
    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(FiresideClaimsPrincipalFactory.DisplayNameClaim) ?? user.Identity?.Name ?? "";

    public static string? UserId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin);
}
