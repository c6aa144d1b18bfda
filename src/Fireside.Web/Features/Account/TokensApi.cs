using Fireside.Core;
using Fireside.Data;
using Fireside.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Web.Features.Account;

public sealed record TokenView(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

public sealed record NewTokenRequest(string? Name);

/// <summary>The secret is in this answer and nowhere else; Fireside keeps only its hash.</summary>
public sealed record NewTokenResponse(TokenView Token, string Secret);

public sealed record MeView(string Id, string Email, string DisplayName, string TimeZone, bool IsAdmin);

/// <summary>The signed-in person's own API tokens.</summary>
public static class TokensApi
{
    public static void MapTokensApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me", (HttpContext http, FiresideDb db) => GetMeAsync(http, db)).WithTags("Account");

        var tokens = app.MapGroup("/api/tokens").WithTags("Account");
        tokens.MapGet("/", async (HttpContext http, FiresideDb db) =>
        {
            var userId = http.User.UserId();
            var list = await db.ApiTokens.Where(t => t.UserId == userId).OrderByDescending(t => t.CreatedAt).ToListAsync();
            return TypedResults.Ok(list.Select(ToView).ToList());
        });

        tokens.MapPost("/", async (NewTokenRequest? request, HttpContext http, FiresideDb db, TimeProvider clock) =>
        {
            var name = request?.Name?.Trim() ?? "";
            if (name.Length > 100)
            {
                throw DomainValidationException.For("name", "Please keep the token's name to 100 characters.");
            }

            var token = ApiTokenSecrets.Create(http.User.UserId()!, name, clock.GetUtcNow().UtcDateTime, out var secret);
            db.ApiTokens.Add(token);
            await db.SaveChangesAsync();
            return TypedResults.Created($"/api/tokens/{token.Id}", new NewTokenResponse(ToView(token), secret));
        });

        tokens.MapDelete("/{id:guid}", async Task<NoContent> (Guid id, HttpContext http, FiresideDb db, TimeProvider clock) =>
        {
            var userId = http.User.UserId();
            var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == userId);
            if (token is null)
            {
                throw new NotFoundException($"You have no API token with id {id}.");
            }

            token.RevokedAt ??= clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync();
            return TypedResults.NoContent();
        });
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
        t.RevokedAt is { } revoked ? Utc(revoked) : null);

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
