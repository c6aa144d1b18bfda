using System.Text.Encodings.Web;
using Fireside.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fireside.Web.Infrastructure;

/// <summary>Signs in API callers who send "Authorization: Bearer fs_…" with a personal token.</summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    FiresideDb db,
    IUserClaimsPrincipalFactory<FiresideUser> principals,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>The claim that names the API token a request came with.</summary>
    public const string TokenClaim = "fireside:token";

    /// <summary>The claim that carries the token's id, so a live connection can ask whether the token still works.</summary>
    public const string TokenIdClaim = "fireside:token-id";

    public static bool HasBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!HasBearer(Request))
        {
            return AuthenticateResult.NoResult();
        }

        var secret = Request.Headers.Authorization.ToString()[BearerPrefix.Length..].Trim();
        if (secret.Length == 0)
        {
            return AuthenticateResult.Fail("The Authorization header has no token after \"Bearer\".");
        }

        var hash = ApiTokenSecrets.Hash(secret);
        var token = await db.ApiTokens.Include(t => t.User).FirstOrDefaultAsync(t => t.Hash == hash, Context.RequestAborted);
        if (token?.User is null || !token.WorksAt(clock.GetUtcNow().UtcDateTime))
        {
            return AuthenticateResult.Fail("That API token is not valid: it was revoked, it expired, or it never existed.");
        }

        if (token.User.LockoutEnd is { } end && end > clock.GetUtcNow())
        {
            return AuthenticateResult.Fail("This account is locked.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(Context.RequestAborted);
        }

        var principal = await principals.CreateAsync(token.User);
        // Which token, by name, so the history of a change can say it came through the API.
        var identity = (System.Security.Claims.ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new System.Security.Claims.Claim(TokenClaim, token.Name));
        identity.AddClaim(new System.Security.Claims.Claim(TokenIdClaim, token.Id.ToString()));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
