using Fireside.Core;
using Fireside.Data;
using Fireside.Web.Features.Facilitation;
using Fireside.Web.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Web.Features.Users;

public sealed record UserView(string Id, string Email, string DisplayName, string TimeZone, bool IsAdmin, DateTimeOffset CreatedAt, DateTimeOffset? LockedUntil, bool Disabled)
{
    /// <summary>For an account added without a first password: the invitation's one-time link, and whether it went by email.</summary>
    public UsersApi.PasswordReset? Invitation { get; init; }
}

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

        users.MapPost("/", async Task<Created<UserView>> (NewUserRequest request, PeopleOperations people, AccountOperations account, Notifier notifier, IOptions<NotificationOptions> notifications, HttpContext http, CancellationToken ct) =>
        {
            var user = await people.AddAsync(request.Email, request.DisplayName, request.Password, request.Admin, request.TimeZone);
            var invitation = string.IsNullOrEmpty(request.Password) ? await InviteAsync(user, account, notifier, notifications.Value, http, ct) : null;
            return TypedResults.Created($"/api/users/{user.Id}", ToView(user, request.Admin) with { Invitation = invitation });
        }).WithSummary("Add someone (admins). With a first password they can sign in at once; without one they get an invitation: a one-time link to choose their password, valid for a day, by email when email is set up and in this answer either way.");
    }

    public static void MapPeopleActions(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("People");
        users.MapPost("/{userId}/disable", async Task<NoContent> (string userId, PeopleOperations people) =>
        {
            await people.DisableAsync(userId);
            return TypedResults.NoContent();
        }).WithSummary("Switch an account off (admins): its sessions end and its API tokens stop at once.");
        users.MapPost("/{userId}/enable", async Task<NoContent> (string userId, PeopleOperations people) =>
        {
            await people.EnableAsync(userId);
            return TypedResults.NoContent();
        }).WithSummary("Switch an account back on (admins).");
        users.MapDelete("/{userId}", async Task<NoContent> (string userId, PeopleOperations people, CancellationToken ct) =>
        {
            await people.RemoveAsync(userId, ct);
            return TypedResults.NoContent();
        }).WithSummary("Remove an account for good (admins). What the person told stays in the reviews under their name.");
        users.MapPost("/{userId}/reset-password", async Task<Ok<PasswordReset>> (string userId, AccountOperations account, Notifier notifier, IOptions<NotificationOptions> notifications, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await StartResetAsync(userId, account, notifier, notifications.Value, http, ct)))
            .WithSummary("Reset someone's password (admins): a one-time link, valid for a day, in this answer and by email when email is set up.");

        app.MapPut("/api/me/password", async Task<NoContent> (PasswordChange change, AccountOperations account, SignInManager<FiresideUser> signIn, HttpContext http) =>
        {
            var person = await account.ChangeOwnPasswordAsync(change.CurrentPassword, change.NewPassword);
            if (http.User.Identity?.AuthenticationType == IdentityConstants.ApplicationScheme)
            {
                // This browser stays signed in; every other session of this person ends.
                await signIn.RefreshSignInAsync(person);
            }

            return TypedResults.NoContent();
        }).WithTags("Account").WithSummary("Change your own password (send currentPassword and newPassword); your other sessions end.");

        var pages = app.MapGroup("/admin/users").ExcludeFromDescription().RequireAntiforgery();
        pages.MapPost("/{userId}/disable", async (string userId, PeopleOperations people) =>
            await FormPosts.BackAsync("/admin/users", "people", () => people.DisableAsync(userId)));
        pages.MapPost("/{userId}/enable", async (string userId, PeopleOperations people) =>
            await FormPosts.BackAsync("/admin/users", "people", () => people.EnableAsync(userId)));
        pages.MapPost("/{userId}/remove", async (string userId, PeopleOperations people, CancellationToken ct) =>
            await FormPosts.BackAsync("/admin/users", "people", () => people.RemoveAsync(userId, ct)));
        app.MapPost("/account/password", async (HttpContext http, AccountOperations account, SignInManager<FiresideUser> signIn) =>
        {
            var form = await http.Request.ReadFormAsync();
            return await FormPosts.BackAsync("/account", "password", async () =>
                await signIn.RefreshSignInAsync(await account.ChangeOwnPasswordAsync(form["currentPassword"], form["newPassword"])));
        }).ExcludeFromDescription().RequireAntiforgery();
    }

    /// <summary>Makes the one-time link and, when email is set up, sends it to the person; the admin sees it either way.</summary>
    public static async Task<PasswordReset> StartResetAsync(string userId, AccountOperations account, Notifier notifier, NotificationOptions notifications, HttpContext http, CancellationToken ct)
    {
        var (person, path) = await account.StartPasswordResetAsync(userId);
        return await SendLinkAsync(person, path, "Set a new password for Fireside",
            $"An admin of Fireside started a password reset for {person.Email}. The link works once, for a day. If you did not expect it, ask them about it.",
            notifier, notifications, http, ct);
    }

    /// <summary>Invites someone added without a password: the same one-time link as a reset, with words for a newcomer.</summary>
    public static async Task<PasswordReset> InviteAsync(FiresideUser person, AccountOperations account, Notifier notifier, NotificationOptions notifications, HttpContext http, CancellationToken ct)
    {
        var (_, path) = await account.StartPasswordResetAsync(person.Id);
        return await SendLinkAsync(person, path, "You are invited to Fireside",
            $"You have an account on Fireside, where your organisation tells the story of its incidents together and keeps what it learns. Choose your password with this link; it works once, for a day. You sign in as {person.Email}.",
            notifier, notifications, http, ct);
    }

    private static async Task<PasswordReset> SendLinkAsync(
        FiresideUser person, string path, string subject, string body, Notifier notifier, NotificationOptions notifications, HttpContext http, CancellationToken ct)
    {
        var link = $"{notifications.SiteUrl(http)}{path}";
        var sent = await notifier.SendAsync(new Notification(subject, body, [(person.DisplayName, person.Email!)], link, Private: true), ct);
        return new PasswordReset(person.Email ?? "", link, sent.Sent.Count > 0);
    }

    public sealed record PasswordReset(string Email, string Link, bool Emailed);

    public sealed record PasswordChange(string? CurrentPassword, string? NewPassword);

    private static UserView ToView(FiresideUser u, bool admin) =>
        new(u.Id, u.Email ?? "", u.DisplayName, u.TimeZone, admin, new DateTimeOffset(DateTime.SpecifyKind(u.CreatedAt, DateTimeKind.Utc)),
            u.LockoutEnd is { } end && end > DateTimeOffset.UtcNow && end != PeopleOperations.Disabled ? end : null, PeopleOperations.IsDisabled(u));
}
