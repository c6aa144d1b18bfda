using System.Security.Claims;
using Fireside.Data;
using Fireside.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Fireside.Web.Features.Account;

/// <summary>Signing in with the company's identity provider over OpenID Connect (section "Oidc"). Off while no authority is set.</summary>
public sealed class OidcOptions
{
    /// <summary>The provider's address; its discovery document is at {Authority}/.well-known/openid-configuration.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>What the sign-in button says: "Sign in with {DisplayName}".</summary>
    public string DisplayName { get; set; } = "your company account";

    /// <summary>Scopes asked for besides openid.</summary>
    public List<string> Scopes { get; set; } = ["profile", "email"];

    public string EmailClaim { get; set; } = "email";

    public string NameClaim { get; set; } = "name";

    public string GroupsClaim { get; set; } = "groups";

    /// <summary>Members of any of these groups are admins of Fireside (and others are not); empty leaves roles to Fireside's People page.</summary>
    public List<string> AdminGroups { get; set; } = [];

    /// <summary>Only members of these groups may use Fireside at all; empty lets everyone the provider signs in.</summary>
    public List<string> AllowedGroups { get; set; } = [];

    /// <summary>Link to an existing account by an email the provider has not marked verified (for providers that never send email_verified).</summary>
    public bool TrustUnverifiedEmail { get; set; }

    /// <summary>False switches local passwords off for everyone except <see cref="BreakGlassAdmin"/>.</summary>
    public bool LocalPasswords { get; set; } = true;

    /// <summary>The one admin (by email) who may still sign in with a password when local passwords are off: the way in when the provider is down.</summary>
    public string? BreakGlassAdmin { get; set; }

    /// <summary>Plain http to the provider, for a provider on this machine only (tests); never in production.</summary>
    public bool AllowHttp { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);

    /// <summary>Whether a password sign-in is open to this email.</summary>
    public bool AllowsPassword(string? email) => !Enabled || LocalPasswords || CompanyAccounts.IsBreakGlass(BreakGlassAdmin, email);
}

public static class CompanySignIn
{
    public const string Scheme = "oidc";

    /// <summary>The claim that says a session was opened through the provider (so signing out ends the provider's session too).</summary>
    public const string ViaClaim = "fireside:sso";

    public static void AddCompanySignIn(this IServiceCollection services, IConfiguration configuration, AuthenticationBuilder authentication)
    {
        var section = configuration.GetSection("Oidc");
        services.Configure<OidcOptions>(section);
        var settings = section.Get<OidcOptions>() ?? new OidcOptions();
        if (!settings.Enabled)
        {
            return;
        }

        authentication.AddOpenIdConnect(Scheme, settings.DisplayName, options =>
        {
            options.Authority = settings.Authority;
            options.ClientId = settings.ClientId;
            options.ClientSecret = settings.ClientSecret;
            options.ResponseType = OpenIdConnectResponseType.Code;
            // The code comes back in the address, a plain top-level visit, so the sign-in cookies can stay SameSite=Lax.
            options.ResponseMode = OpenIdConnectResponseMode.Query;
            options.UsePkce = true;
            options.RequireHttpsMetadata = !settings.AllowHttp;
            options.PushedAuthorizationBehavior = PushedAuthorizationBehavior.Disable;
            options.Scope.Clear();
            options.Scope.Add("openid");
            foreach (var scope in settings.Scopes.Where(s => s != "openid"))
            {
                options.Scope.Add(scope);
            }

            options.MapInboundClaims = false;
            options.GetClaimsFromUserInfoEndpoint = false;
            options.SaveTokens = true;
            // The provider's answer signs the person into Fireside's own cookie, as the account found or made for them.
            options.SignInScheme = IdentityConstants.ApplicationScheme;
            options.CallbackPath = "/signin-oidc";
            options.SignedOutCallbackPath = "/signout-callback-oidc";
            options.SignedOutRedirectUri = "/account/signin";
            options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.CorrelationCookie.SameSite = SameSiteMode.Lax;
            options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.NonceCookie.SameSite = SameSiteMode.Lax;
            options.Events.OnTokenValidated = TokenValidatedAsync;
            options.Events.OnRemoteFailure = RemoteFailureAsync;
        });
    }

    /// <summary>Finds or makes the person's account and replaces the provider's claims with Fireside's sign-in for it.</summary>
    private static async Task TokenValidatedAsync(TokenValidatedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var settings = services.GetRequiredService<IOptions<OidcOptions>>().Value;
        var claims = context.Principal!;
        string? Claim(string type) => claims.FindFirst(type)?.Value;
        var groups = claims.FindAll(settings.GroupsClaim).SelectMany(c => c.Value.StartsWith('[') ? ParseArray(c.Value) : [c.Value]).ToList();
        var verified = Claim("email_verified") is { } v ? string.Equals(v, "true", StringComparison.OrdinalIgnoreCase) : (bool?)null;
        var identity = new CompanyIdentity(Scheme, Claim("sub") ?? "", Claim(settings.EmailClaim), verified, Claim(settings.NameClaim), groups);
        var result = await services.GetRequiredService<CompanyAccounts>().SignInAsync(
            identity, new GroupRules(settings.AllowedGroups, settings.AdminGroups, settings.TrustUnverifiedEmail, settings.BreakGlassAdmin), context.HttpContext.RequestAborted);
        if (result.Person is not { } person)
        {
            context.Fail(RefusalPrefix + (result.Refusal ?? "unusable"));
            return;
        }

        var principal = await services.GetRequiredService<SignInManager<FiresideUser>>().CreateUserPrincipalAsync(person);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(ViaClaim, Scheme));
        context.Principal = principal;
    }

    private static string[] ParseArray(string json)
    {
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<string[]>(json) ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            return [json];
        }
    }

    private const string RefusalPrefix = "fireside-refused:";

    /// <summary>Anything that goes wrong coming back from the provider: the person gets a plain page, the admin the cause in the log.</summary>
    private static Task RemoteFailureAsync(RemoteFailureContext context)
    {
        var why = context.Failure switch
        {
            AuthenticationFailureException { Message: var message } when message.StartsWith(RefusalPrefix, StringComparison.Ordinal) => message[RefusalPrefix.Length..],
            OpenIdConnectProtocolException { Message: var message } when message.Contains("invalid_client", StringComparison.Ordinal) => "client-refused",
            OpenIdConnectProtocolException { Message: var message } when message.Contains("access_denied", StringComparison.Ordinal) => "denied",
            _ => "unusable",
        };
        context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CompanySignIn))
            .LogWarning(context.Failure, "Sign-in through the identity provider failed: {Why}", why);
        context.Response.Redirect(UnavailablePath(why));
        context.HandleResponse();
        return Task.CompletedTask;
    }

    /// <summary>The plain page that says why, by a reason code (<see cref="CompanyAccounts.Reasons"/>).</summary>
    public static string UnavailablePath(string reason) => $"/account/sso-unavailable?why={Uri.EscapeDataString(reason)}";

    public static void MapCompanySignIn(this IEndpointRouteBuilder app)
    {
        // The sign-in page's button: off to the provider, or to a plain page when it cannot be reached.
        app.MapGet("/account/sso", async (HttpContext http, string? returnUrl, IOptions<OidcOptions> options, ILoggerFactory logs) =>
        {
            if (!options.Value.Enabled)
            {
                return Results.Redirect(UnavailablePath("off"));
            }

            try
            {
                await http.ChallengeAsync(Scheme, new AuthenticationProperties { RedirectUri = SignIn.SafeReturnUrl(returnUrl) });
                return Results.Empty;
            }
            catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException or TaskCanceledException)
            {
                logs.CreateLogger(typeof(CompanySignIn)).LogError(e, "The identity provider at {Authority} could not be reached", options.Value.Authority);
                return Results.Redirect(UnavailablePath("unreachable"));
            }
        }).AllowAnonymous().ExcludeFromDescription();
    }
}
