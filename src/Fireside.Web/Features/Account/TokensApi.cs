using Fireside.Data;
using Fireside.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Web.Features.Account;

public sealed record TokenView(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, DateTimeOffset? ExpiresAt, string? Owner);

public sealed record NewTokenRequest(string? Name, DateTimeOffset? ExpiresAt);

/// <summary>The secret is in this answer and nowhere else; Fireside keeps only its hash.</summary>
public sealed record NewTokenResponse(TokenView Token, string Secret);

public sealed record MeView(string Id, string Email, string DisplayName, string TimeZone, bool IsAdmin);

/// <summary>API tokens: your own, and (for admins) everyone's.</summary>
public static class TokensApi
{
    public static void MapTokensApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me", (HttpContext http, FiresideDb db) => GetMeAsync(http, db)).WithTags("Account");

        var tokens = app.MapGroup("/api/tokens").WithTags("Account");
        tokens.MapGet("/", async (bool? all, AccountOperations account, CancellationToken ct) =>
            TypedResults.Ok((all == true ? await account.AllTokensAsync(ct) : await account.TokensAsync(null, ct)).Select(ToView).ToList()))
            .WithSummary("Your API tokens; admins pass all=true to see everyone's, with whose each is.");

        tokens.MapPost("/", async (NewTokenRequest? request, AccountOperations account, CancellationToken ct) =>
        {
            var (token, secret) = await account.CreateTokenAsync(request?.Name, request?.ExpiresAt, ct);
            return TypedResults.Created($"/api/tokens/{token.Id}", new NewTokenResponse(ToView(token), secret));
        }).WithSummary("Make a personal API token (name, optional expiresAt). The secret is shown in this answer only.");

        tokens.MapDelete("/{id:guid}", async Task<NoContent> (Guid id, AccountOperations account, CancellationToken ct) =>
        {
            await account.RevokeTokenAsync(id, ct);
            return TypedResults.NoContent();
        }).WithSummary("Revoke a token: yours, or anyone's for an admin. It stops working at once.");
    }

    private static async Task<Ok<MeView>> GetMeAsync(HttpContext http, FiresideDb db)
    {
        var userId = http.User.UserId();
        var user = await db.Users.SingleAsync(u => u.Id == userId);
        return TypedResults.Ok(new MeView(user.Id, user.Email ?? "", user.DisplayName, user.TimeZone, http.User.IsAdmin()));
    }

    public static TokenView ToView(ApiToken t) => new(
        t.Id,
        t.Name,
        t.Prefix,
        Utc(t.CreatedAt),
        t.LastUsedAt is { } used ? Utc(used) : null,
        t.RevokedAt is { } revoked ? Utc(revoked) : null,
        t.ExpiresAt is { } expires ? Utc(expires) : null,
        t.User?.Email);

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
