using Microsoft.EntityFrameworkCore;

namespace Fireside.Data;

/// <summary>What a long-lived connection (the room's hub) brought when it opened: who, and through which session or token.</summary>
public sealed record HeldSignIn(string UserId, string? SecurityStamp, string? SessionId, Guid? TokenId);

/// <summary>
/// Asks again whether a sign-in held by a long-lived connection still stands: pages and the API ask on every
/// request, but a live connection keeps the sign-in it opened with. The account must still exist and be on, its
/// security stamp unchanged (password changed, switched off), the browser session not signed out and the API token
/// not revoked or expired. The answer carries the person's name and admin standing as they are now.
/// </summary>
public sealed class LiveSignIns(FiresideDb db)
{
    public async Task<CurrentUser?> StillStandsAsync(HeldSignIn held, CancellationToken ct)
    {
        var now = db.Now;
        var person = await db.Users.AsNoTracking().Where(u => u.Id == held.UserId)
            .Select(u => new
            {
                u.DisplayName,
                u.Email,
                u.SecurityStamp,
                u.LockoutEnd,
                IsAdmin = db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin)),
                SessionEnded = held.SessionId != null && db.EndedSessions.Any(s => s.Id == held.SessionId),
                TokenWorks = held.TokenId == null
                    || db.ApiTokens.Any(t => t.Id == held.TokenId && t.UserId == u.Id && t.RevokedAt == null && (t.ExpiresAt == null || t.ExpiresAt > now)),
            })
            .FirstOrDefaultAsync(ct);
        if (person is null || person.SessionEnded || !person.TokenWorks || (person.LockoutEnd is { } end && end > new DateTimeOffset(now))
            || (held.SecurityStamp is not null && held.SecurityStamp != person.SecurityStamp))
        {
            return null;
        }

        return CurrentUser.Person(held.UserId, string.IsNullOrWhiteSpace(person.DisplayName) ? person.Email ?? "Someone" : person.DisplayName, person.IsAdmin);
    }
}
