using Fireside.Core.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Data;

/// <summary>Who the company's identity provider says someone is, from the claims it signed.</summary>
public sealed record CompanyIdentity(string Provider, string Subject, string? Email, bool? EmailVerified, string? Name, IReadOnlyCollection<string> Groups);

/// <summary>How the company's groups decide who may use Fireside and who runs it.</summary>
/// <param name="BreakGlassAdmin">The admin kept for when the provider is down: the groups never take their admin role away.</param>
public sealed record GroupRules(IReadOnlyCollection<string> AllowedGroups, IReadOnlyCollection<string> AdminGroups, bool TrustUnverifiedEmail, string? BreakGlassAdmin = null);

/// <summary>What came of a sign-in through the provider: the account, or why not (a code from <see cref="CompanyAccounts.Reasons"/>).</summary>
public sealed record CompanySignInResult(FiresideUser? Person, string? Refusal);

/// <summary>
/// Accounts for people who sign in through the company's identity provider. The first time, the person's
/// account is found by the provider's id for them, else linked by a verified email to an account already
/// here, else made (just in time). Each sign-in then follows the provider's groups: whether the person may use
/// Fireside at all, and whether they are an admin. Every sign-in and refusal goes to the audit log.
/// </summary>
public sealed class CompanyAccounts(FiresideDb db, UserManager<FiresideUser> users, RoleManager<IdentityRole> roles)
{
    /// <summary>
    /// Why a sign-in through the provider did not work, by code: the page shows the sentence for a code, so a
    /// link cannot make Fireside say something it did not write.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Reasons { get; } = new Dictionary<string, string>
    {
        ["no-email"] = "The identity provider did not send an email address for this person, and Fireside needs one. Ask the provider's admin to release the email claim.",
        ["not-in-group"] = "Your account at the identity provider is not in a group that may use Fireside. Ask your admin to add you.",
        ["unverified-email"] = "An account here already has this email, but the identity provider has not verified it, so Fireside will not join them. Ask an admin.",
        ["not-made"] = "Fireside could not make an account for you with the details the identity provider sent. Ask an admin.",
        ["already-linked"] = "The account here with this email is joined to another person at the identity provider, so Fireside will not join it to you as well. Ask an admin.",
        ["break-glass"] = "This account is kept for emergencies and signs in with its password only.",
        ["switched-off"] = "This account is switched off. If that is a mistake, ask an admin of this Fireside.",
        ["unreachable"] = "Fireside cannot reach the identity provider just now.",
        ["client-refused"] = "The identity provider did not accept Fireside's client id or secret.",
        ["denied"] = "The identity provider did not let you in.",
        ["off"] = "Signing in with a company account is not set up on this Fireside.",
        ["unusable"] = "The answer from the identity provider could not be used.",
    };

    public async Task<CompanySignInResult> SignInAsync(CompanyIdentity identity, GroupRules rules, CancellationToken ct)
    {
        var email = identity.Email?.Trim();
        var groups = identity.Groups.ToHashSet(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(email) || !email.Contains('@', StringComparison.Ordinal))
        {
            return await RefuseAsync(null, identity.Subject, "no-email", null, ct);
        }

        if (rules.AllowedGroups.Count > 0 && !rules.AllowedGroups.Any(groups.Contains))
        {
            return await RefuseAsync(null, email, "not-in-group", null, ct);
        }

        var person = await users.FindByLoginAsync(identity.Provider, identity.Subject);
        if (person is null)
        {
            person = await users.FindByEmailAsync(email);
            if (person is not null && identity.EmailVerified != true && !rules.TrustUnverifiedEmail)
            {
                return await RefuseAsync(person, email, "unverified-email", null, ct);
            }

            // The emergency admin stays a password account; and an account already joined to someone at the provider is
            // never joined to a second person there (an email handed on to a newcomer must not hand on the account).
            if (person is not null && IsBreakGlass(rules.BreakGlassAdmin, person.Email))
            {
                return await RefuseAsync(person, email, "break-glass", null, ct);
            }

            if (person is not null && (await users.GetLoginsAsync(person)).Any(l => l.LoginProvider == identity.Provider))
            {
                return await RefuseAsync(person, email, "already-linked", null, ct);
            }

            if (person is null)
            {
                person = new FiresideUser
                {
                    UserName = email,
                    Email = email,
                    EmailConfirmed = identity.EmailVerified == true,
                    DisplayName = string.IsNullOrWhiteSpace(identity.Name) ? email.Split('@')[0] : identity.Name.Trim(),
                    CreatedAt = db.Now,
                };
                var created = await users.CreateAsync(person);
                if (!created.Succeeded)
                {
                    return await RefuseAsync(null, email, "not-made", string.Join(" ", created.Errors.Select(e => e.Description)), ct);
                }

                db.RecordEvent(AuditKinds.AccountAdded, email, person.Id, detail: "On first sign-in through the identity provider.", actor: (person.Id, person.DisplayName));
            }

            var linked = await users.AddLoginAsync(person, new UserLoginInfo(identity.Provider, identity.Subject, identity.Provider));
            if (!linked.Succeeded)
            {
                return await RefuseAsync(person, email, "not-made", string.Join(" ", linked.Errors.Select(e => e.Description)), ct);
            }
        }

        if (PeopleOperations.IsDisabled(person))
        {
            return await RefuseAsync(person, email, "switched-off", null, ct);
        }

        if (rules.AdminGroups.Count > 0 && !IsBreakGlass(rules.BreakGlassAdmin, person.Email))
        {
            await FollowAdminGroupsAsync(person, rules.AdminGroups.Any(groups.Contains));
        }

        db.RecordEvent(AuditKinds.SignedIn, email, person.Id, detail: "Through the identity provider.", actor: (person.Id, person.DisplayName));
        await db.SaveChangesAsync(ct);
        return new CompanySignInResult(person, null);
    }

    /// <summary>Makes the person an admin, or no longer one, as their groups say; the change is in the audit log.</summary>
    private async Task FollowAdminGroupsAsync(FiresideUser person, bool admin)
    {
        var isAdmin = await users.IsInRoleAsync(person, Roles.Admin);
        if (admin == isAdmin)
        {
            return;
        }

        if (admin)
        {
            if (!await roles.RoleExistsAsync(Roles.Admin))
            {
                await roles.CreateAsync(new IdentityRole(Roles.Admin));
            }

            await users.AddToRoleAsync(person, Roles.Admin);
        }
        else
        {
            await users.RemoveFromRoleAsync(person, Roles.Admin);
        }

        // Sessions opened with the old role end at their next request.
        await users.UpdateSecurityStampAsync(person);
        db.RecordEvent(AuditKinds.RoleChanged, person.Email ?? person.DisplayName, person.Id,
            detail: admin ? "Made an admin: in an admin group at the identity provider." : "No longer an admin: in no admin group at the identity provider.",
            actor: (null, "Identity provider"));
    }

    /// <summary>The person may still sign in locally (break-glass) only when they are this admin.</summary>
    public static bool IsBreakGlass(string? breakGlassEmail, string? email) =>
        !string.IsNullOrWhiteSpace(breakGlassEmail) && string.Equals(breakGlassEmail.Trim(), email?.Trim(), StringComparison.OrdinalIgnoreCase);

    private async Task<CompanySignInResult> RefuseAsync(FiresideUser? person, string subject, string reason, string? more, CancellationToken ct)
    {
        db.RecordEvent(AuditKinds.SignInFailed, subject, person?.Id, detail: $"Through the identity provider: {Reasons[reason]}{(more is null ? "" : $" ({more})")}",
            actor: (person?.Id, person?.DisplayName ?? subject));
        await db.SaveChangesAsync(ct);
        return new CompanySignInResult(null, reason);
    }
}
