using Fireside.Core;
using Fireside.Core.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Data;

/// <summary>
/// Accounts that can be run: switching someone off (they are signed out everywhere and their API tokens stop
/// at once) and back on. The same from the People page, the API and the CLI.
/// </summary>
public sealed class PeopleOperations(FiresideDb db, UserManager<FiresideUser> users, RoleManager<IdentityRole> roles, TimeProvider clock, CurrentUser user, Permissions permissions)
{
    /// <summary>Switched-off accounts stay locked until an admin switches them on again.</summary>
    public static readonly DateTimeOffset Disabled = DateTimeOffset.MaxValue;

    public static bool IsDisabled(FiresideUser person) => person.LockoutEnd == Disabled;

    /// <summary>Adds someone with a first password (admins; the command line runs as one). Messages say which field needs another look.</summary>
    public async Task<FiresideUser> AddAsync(string? email, string? displayName, string? password, bool admin, string? timeZone)
    {
        permissions.EnsureAdmin("Adding people");
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(email))
        {
            errors.Add("email", "Please give the person's email.");
        }

        // No zone means UTC; a zone this server does not know is said so, rather than quietly becoming UTC.
        timeZone = timeZone?.Trim();
        if (!string.IsNullOrEmpty(timeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            errors.Add("timeZone", $"“{timeZone}” is not a time zone Fireside knows. Please give one such as Europe/Berlin or America/New_York.");
        }

        ReviewOperations.Throw(errors);
        // No first password: the person chooses one through an invitation link (the caller makes it and sends it).
        var (person, result) = await FiresideAccounts.CreateAsync(users, roles, email!, displayName, string.IsNullOrEmpty(password) ? null : password, admin, timeZone, clock.GetUtcNow().UtcDateTime);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                errors.Add(error.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "email", error.Description);
            }

            ReviewOperations.Throw(errors);
        }

        await RecordAsync(AuditKinds.AccountAdded, person, (admin ? "As an admin. " : "") + (string.IsNullOrEmpty(password) ? "Invited to choose a password." : "With a first password."));
        return person;
    }

    /// <summary>Adds an event about this person to the audit log and saves it.</summary>
    private async Task RecordAsync(string kind, FiresideUser person, string? detail = null)
    {
        db.RecordEvent(kind, person.Email ?? person.DisplayName, person.Id, detail: detail);
        await db.SaveChangesAsync();
    }

    public async Task<FiresideUser> FindAsync(string idOrEmail)
    {
        return await users.FindByIdAsync(idOrEmail) ?? await users.FindByEmailAsync(idOrEmail)
            ?? throw new NotFoundException($"There is no account {idOrEmail}.");
    }

    /// <summary>Switches an account off: every session ends at its next request and its API tokens stop working.</summary>
    public async Task<FiresideUser> DisableAsync(string idOrEmail)
    {
        permissions.EnsureAdmin("Switching accounts off");
        var person = await FindAsync(idOrEmail);
        if (person.Id == user.Id)
        {
            throw DomainValidationException.For("id", "You cannot switch off your own account; another admin can.");
        }

        Check(await users.SetLockoutEnabledAsync(person, true));
        Check(await users.SetLockoutEndDateAsync(person, Disabled));
        Check(await users.UpdateSecurityStampAsync(person));
        await RecordAsync(AuditKinds.AccountDisabled, person);
        return person;
    }

    public async Task<FiresideUser> EnableAsync(string idOrEmail)
    {
        permissions.EnsureAdmin("Switching accounts on");
        var person = await FindAsync(idOrEmail);
        Check(await users.SetLockoutEndDateAsync(person, null));
        Check(await users.ResetAccessFailedCountAsync(person));
        await RecordAsync(AuditKinds.AccountEnabled, person);
        return person;
    }

    /// <summary>
    /// Removes an account for good: its sign-in and its API tokens go. What the person told stays in the
    /// reviews under the name they gave (accounts, roles, notes), no longer linked to an account.
    /// </summary>
    public async Task<FiresideUser> RemoveAsync(string idOrEmail, CancellationToken ct)
    {
        permissions.EnsureAdmin("Removing accounts");
        var person = await FindAsync(idOrEmail);
        if (person.Id == user.Id)
        {
            throw DomainValidationException.For("id", "You cannot remove your own account; another admin can.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Participants.Where(p => p.UserId == person.Id).ExecuteUpdateAsync(p => p.SetProperty(x => x.UserId, (string?)null), ct);
        Check(await users.DeleteAsync(person));
        db.RecordEvent(AuditKinds.AccountRemoved, person.Email ?? person.DisplayName, person.Id);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return person;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw DomainValidationException.For("id", string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
