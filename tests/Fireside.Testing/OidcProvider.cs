using System.Collections.Immutable;
using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Fireside.Testing;

/// <summary>Someone the test provider knows: how they sign in there and what it says about them.</summary>
public sealed record ProviderPerson(string Username, string Password, string Subject, string? Email, bool EmailVerified, string Name, params string[] Groups);

/// <summary>
/// A real OpenID Connect provider (OpenIddict 7, authorization code with PKCE) on a free loopback port, in its own
/// host inside the test process: discovery, a login page, the token endpoint and end-session, all over real HTTP.
/// Its clients and people are set by the test.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string ClientId = "fireside";
    public const string ClientSecret = "fireside-test-secret";

    private readonly WebApplication _app;
    private readonly SqliteConnection _store;
    private int _endedSessions;

    private OidcProvider(WebApplication app, SqliteConnection store)
    {
        _app = app;
        _store = store;
    }

    /// <summary>Where it answers, ending in a slash (use it as the authority).</summary>
    public string Authority { get; private set; } = "";

    public List<ProviderPerson> People { get; } = [];

    /// <summary>How many times a client sent someone to end their session here.</summary>
    public int EndedSessions => _endedSessions;

    public static async Task<OidcProvider> StartAsync()
    {
        // OpenIddict keeps clients and codes in a database: SQLite in memory, alive while this connection is open.
        var store = new SqliteConnection($"Data Source=oidc-{Guid.NewGuid():N};Mode=Memory;Cache=Shared");
        await store.OpenAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddDbContext<ProviderStore>(options => options.UseSqlite(store.ConnectionString).UseOpenIddict());
        builder.Services.AddOpenIddict()
            .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<ProviderStore>())
            .AddServer(options =>
            {
                options.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/endsession");
                options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                options.RegisterScopes(Scopes.Email, Scopes.Profile);
                options.RegisterClaims(Claims.Name, Claims.Email, Claims.EmailVerified, "groups");
                options.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
                options.UseAspNetCore()
                    .DisableTransportSecurityRequirement()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
            });
        var app = builder.Build();
        var provider = new OidcProvider(app, store);
        app.UseAuthentication();
        app.MapMethods("/connect/authorize", ["GET", "POST"], (Func<HttpContext, Task<IResult>>)provider.AuthorizeAsync);
        app.MapMethods("/connect/endsession", ["GET", "POST"], () =>
        {
            Interlocked.Increment(ref provider._endedSessions);
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        });
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProviderStore>().Database.EnsureCreatedAsync();
        }

        await app.StartAsync();
        provider.Authority = app.Urls.First().TrimEnd('/') + "/";
        return provider;
    }

    /// <summary>Registers Fireside (at <paramref name="fireside"/>) as a confidential client with this secret.</summary>
    public async Task RegisterClientAsync(Uri fireside, string secret = ClientSecret)
    {
        using var scope = _app.Services.CreateScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        if (await applications.FindByClientIdAsync(ClientId) is { } existing)
        {
            await applications.DeleteAsync(existing);
        }

        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            ApplicationType = ApplicationTypes.Web,
            ConsentType = ConsentTypes.Implicit,
            RedirectUris = { new Uri(fireside, "/signin-oidc") },
            PostLogoutRedirectUris = { new Uri(fireside, "/signout-callback-oidc") },
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code, Permissions.Scopes.Email, Permissions.Scopes.Profile,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        await applications.CreateAsync(descriptor);
    }

    /// <summary>The login page, and signing in from it: every OpenID parameter travels on as a hidden field.</summary>
    private async Task<IResult> AuthorizeAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        string? problem = null;
        if (HttpMethods.IsPost(http.Request.Method) && http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync();
            var person = People.FirstOrDefault(p => p.Username == form["username"] && p.Password == form["password"]);
            if (person is not null)
            {
                var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
                identity.SetClaim(Claims.Subject, person.Subject).SetClaim(Claims.Name, person.Name);
                if (person.Email is not null)
                {
                    identity.SetClaim(Claims.Email, person.Email).SetClaim(Claims.EmailVerified, person.EmailVerified ? "true" : "false");
                }

                identity.SetClaims("groups", [.. person.Groups]);
                var principal = new ClaimsPrincipal(identity);
                principal.SetScopes(request.GetScopes());
                principal.SetDestinations(claim => claim.Type is Claims.Name or Claims.Email or Claims.EmailVerified or "groups"
                    ? [Destinations.IdentityToken, Destinations.AccessToken]
                    : [Destinations.AccessToken]);
                return Results.SignIn(principal, null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            }

            problem = "That username and password do not match.";
        }

        var parameters = HttpMethods.IsPost(http.Request.Method) && http.Request.HasFormContentType
            ? (await http.Request.ReadFormAsync()).Where(f => f.Key is not ("username" or "password")).Select(f => (f.Key, f.Value.ToString()))
            : http.Request.Query.Select(q => (q.Key, q.Value.ToString()));
        var html = new StringBuilder("<!doctype html><html><head><title>Company sign-in</title></head><body><h1>Company sign-in</h1>");
        if (problem is not null)
        {
            html.Append("<p role=\"alert\">").Append(WebUtility.HtmlEncode(problem)).Append("</p>");
        }

        html.Append("<form method=\"post\" action=\"/connect/authorize\">");
        foreach (var (name, value) in parameters)
        {
            html.Append("<input type=\"hidden\" name=\"").Append(WebUtility.HtmlEncode(name)).Append("\" value=\"").Append(WebUtility.HtmlEncode(value)).Append("\">");
        }

        html.Append("<label>Username <input name=\"username\" autocomplete=\"username\"></label>")
            .Append("<label>Password <input name=\"password\" type=\"password\"></label>")
            .Append("<button type=\"submit\">Sign in</button></form></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _store.DisposeAsync();
    }

    private sealed class ProviderStore(DbContextOptions<ProviderStore> options) : DbContext(options);
}
