using Fireside.Core;
using Fireside.Core.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Data;

/// <summary>
/// A person's own credentials, the same from the Account page, the API and the CLI: API tokens (theirs; an
/// admin sees and revokes anyone's), their password, a password reset by a one-time link, and signing out
/// for good. Tokens are stored as hashes; a reset link works once and for a day.
/// </summary>
public sealed class AccountOperations(FiresideDb db, UserManager<FiresideUser> users, TimeProvider clock, CurrentUser user, Permissions permissions)
{
    public const int TokenNameMaxLength = 100;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The current person's tokens, or (for admins) someone else's, newest first.</summary>
    public async Task<List<ApiToken>> TokensAsync(string? ofUserId, CancellationToken ct)
    {
        var owner = ofUserId ?? user.Id ?? throw new ForbiddenException("Please sign in first.");
        if (owner != user.Id)
        {
            permissions.EnsureAdmin("Seeing someone else's API tokens");
        }

        return await db.ApiTokens.AsNoTracking().Include(t => t.User).Where(t => t.UserId == owner).OrderByDescending(t => t.CreatedAt).ToListAsync(ct);
    }

    /// <summary>Every token in this Fireside (admins), newest first, with whose it is.</summary>
    public async Task<List<ApiToken>> AllTokensAsync(CancellationToken ct)
    {
        permissions.EnsureAdmin("Seeing everyone's API tokens");
        return await db.ApiTokens.AsNoTracking().Include(t => t.User).OrderByDescending(t => t.CreatedAt).ToListAsync(ct);
    }

    /// <summary>A new token for the current person; the secret is only in the answer. It may carry an expiry (up to ten years ahead).</summary>
    public async Task<(ApiToken Token, string Secret)> CreateTokenAsync(string? name, DateTimeOffset? expiresAt, CancellationToken ct) =>
        await CreateTokenForAsync(user.Id ?? throw new ForbiddenException("Please sign in first."), name, expiresAt, ct);

    /// <summary>The command line makes tokens for any account (it runs as the operator).</summary>
    public async Task<(ApiToken Token, string Secret)> CreateTokenForAsync(string ownerId, string? name, DateTimeOffset? expiresAt, CancellationToken ct)
    {
        if (ownerId != user.Id)
        {
            permissions.EnsureAdmin("Making a token for someone else");
        }

        var errors = new ValidationErrors();
        var clean = name?.Trim() ?? "";
        if (clean.Length > TokenNameMaxLength)
        {
            errors.Add("name", $"Please keep the token's name to {TokenNameMaxLength} characters.");
        }

        if (expiresAt is { } until && (until <= clock.GetUtcNow() || until > clock.GetUtcNow().AddYears(10)))
        {
            errors.Add("expiresAt", "A token's expiry is a moment in the future, within ten years.");
        }

        ReviewOperations.Throw(errors);
        var token = ApiTokenSecrets.Create(ownerId, clean, Now, out var secret);
        token.ExpiresAt = expiresAt?.UtcDateTime;
        db.ApiTokens.Add(token);
        db.RecordEvent(AuditKinds.TokenCreated, clean.Length > 0 ? clean : token.Prefix, ownerId,
            detail: ownerId != user.Id ? $"For {await OwnerAsync(ownerId, ct)}." : null);
        await db.SaveChangesAsync(ct);
        return (token, secret);
    }

    /// <summary>Revokes one of the current person's tokens, or anyone's for an admin. It stops working at once.</summary>
    public async Task<ApiToken> RevokeTokenAsync(Guid id, CancellationToken ct)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (token is null || (token.UserId != user.Id && !user.IsAdmin))
        {
            // Someone else's token is not found rather than forbidden: nobody learns which ids exist.
            throw new NotFoundException($"You have no API token with id {id}.");
        }

        if (token.RevokedAt is null)
        {
            token.RevokedAt = Now;
            db.RecordEvent(AuditKinds.TokenRevoked, token.Name.Length > 0 ? token.Name : token.Prefix, token.UserId,
                detail: token.UserId != user.Id ? $"Of {await OwnerAsync(token.UserId, ct)}." : null);
        }

        await db.SaveChangesAsync(ct);
        return token;
    }

    private async Task<string> OwnerAsync(string userId, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Email ?? u.DisplayName).FirstOrDefaultAsync(ct) ?? userId;

    /// <summary>Changes the signed-in person's password; their other sessions end (the security stamp changes).</summary>
    public async Task<FiresideUser> ChangeOwnPasswordAsync(string? current, string? replacement)
    {
        var person = (user.Id is null ? null : await users.FindByIdAsync(user.Id)) ?? throw new ForbiddenException("Please sign in first.");
        var errors = new ValidationErrors();
        if (string.IsNullOrEmpty(current))
        {
            errors.Add("currentPassword", "Please type your current password.");
        }

        if (string.IsNullOrEmpty(replacement))
        {
            errors.Add("newPassword", "Please choose a new password.");
        }

        ReviewOperations.Throw(errors);
        var result = await users.ChangePasswordAsync(person, current!, replacement!);
        if (!result.Succeeded)
        {
            var field = result.Errors.Any(e => e.Code == "PasswordMismatch") ? "currentPassword" : "newPassword";
            throw DomainValidationException.For(field, string.Join(" ", result.Errors.Select(e => e.Code == "PasswordMismatch" ? "That is not your current password." : e.Description)));
        }

        db.RecordEvent(AuditKinds.PasswordChanged, person.Email ?? person.DisplayName, person.Id);
        await db.SaveChangesAsync();
        return person;
    }

    /// <summary>An admin starts a reset for someone: the one-time link's path (valid for a day, and only until it is used).</summary>
    public async Task<(FiresideUser Person, string Path)> StartPasswordResetAsync(string idOrEmail)
    {
        permissions.EnsureAdmin("Resetting someone's password");
        var person = await users.FindByIdAsync(idOrEmail) ?? await users.FindByEmailAsync(idOrEmail)
            ?? throw new NotFoundException($"There is no account {idOrEmail}.");
        var token = await users.GeneratePasswordResetTokenAsync(person);
        db.RecordEvent(AuditKinds.PasswordResetStarted, person.Email ?? person.DisplayName, person.Id);
        await db.SaveChangesAsync();
        return (person, $"/account/reset?user={Uri.EscapeDataString(person.Id)}&code={Uri.EscapeDataString(token)}");
    }

    /// <summary>Sets a new password from a reset link. The link then stops working (the security stamp changes), and so do all sessions.</summary>
    public async Task<FiresideUser> ResetPasswordAsync(string? userId, string? code, string? replacement)
    {
        var person = string.IsNullOrEmpty(userId) ? null : await users.FindByIdAsync(userId);
        if (person is null || string.IsNullOrEmpty(code))
        {
            throw DomainValidationException.For("code", "This reset link is not valid. Ask an admin for a new one.");
        }

        if (string.IsNullOrEmpty(replacement))
        {
            throw DomainValidationException.For("newPassword", "Please choose a new password.");
        }

        var result = await users.ResetPasswordAsync(person, code, replacement);
        if (!result.Succeeded)
        {
            throw result.Errors.Any(e => e.Code == "InvalidToken")
                ? DomainValidationException.For("code", "This reset link has been used already, or it is more than a day old. Ask an admin for a new one.")
                : DomainValidationException.For("newPassword", string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        await users.ResetAccessFailedCountAsync(person);
        // Nobody is signed in on a reset link: the person who set the new password is the one it was for.
        db.RecordEvent(AuditKinds.PasswordReset, person.Email ?? person.DisplayName, person.Id, actor: (person.Id, person.DisplayName));
        await db.SaveChangesAsync();
        return person;
    }

    /// <summary>Remembers that a browser session was signed out of, so its cookie is refused even if it was copied.</summary>
    public async Task EndSessionAsync(string sessionId, DateTime cookieExpiresAt, CancellationToken ct)
    {
        await db.EndedSessions.Where(s => s.ExpiresAt < Now).ExecuteDeleteAsync(ct);
        if (!await db.EndedSessions.AnyAsync(s => s.Id == sessionId, ct))
        {
            db.EndedSessions.Add(new EndedSession { Id = sessionId, ExpiresAt = cookieExpiresAt });
            db.RecordEvent(AuditKinds.SignedOut, user.Name, user.Id);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>
    /// Records a sign-in in the audit log: who signed in, or, when it was refused, the email typed and why
    /// (<paramref name="refusal"/>). Nobody is signed in yet, so the person is named here. The password never is.
    /// </summary>
    public async Task RecordSignInAsync(FiresideUser? person, string typedEmail, string? refusal, CancellationToken ct)
    {
        var subject = person?.Email ?? typedEmail.Trim();
        db.RecordEvent(refusal is null ? AuditKinds.SignedIn : AuditKinds.SignInFailed, subject, person?.Id, detail: refusal,
            actor: person is null ? (null, subject) : (person.Id, person.DisplayName));
        await db.SaveChangesAsync(ct);
    }

    public Task<bool> IsEndedAsync(string sessionId, CancellationToken ct) => db.EndedSessions.AnyAsync(s => s.Id == sessionId, ct);
}
