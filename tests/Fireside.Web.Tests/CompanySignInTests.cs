using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fireside.Testing;

namespace Fireside.Web.Tests;

/// <summary>
/// Signing in through the company's identity provider: a real OpenID Connect provider (OpenIddict) on a loopback
/// port, the whole authorization-code-with-PKCE exchange over HTTP. Accounts made on first sign-in, linked by a
/// verified email, groups deciding who may come in and who is an admin, passwords off but for the break-glass
/// admin, and a plain page when the provider is down or misconfigured.
/// </summary>
public sealed partial class CompanySignInTests : IAsyncLifetime
{
    private OidcProvider _provider = default!;
    private readonly FiresideApp _app = new();

    public async Task InitializeAsync()
    {
        _provider = await OidcProvider.StartAsync();
        _provider.People.Add(new ProviderPerson("alice", "alice-pass", "sub-alice", "alice@example.com", true, "Alice Ng", "fireside-users", "fireside-admins"));
        _provider.People.Add(new ProviderPerson("bob", "bob-pass", "sub-bob", "bob@example.com", true, "Bob Ray", "fireside-users"));
        _provider.People.Add(new ProviderPerson("ada", "ada-pass", "sub-ada", FiresideApp.AdminEmail, true, "Ada", "fireside-users"));
        _provider.People.Add(new ProviderPerson("mallory", "mallory-pass", "sub-mallory", "mo@example.com", false, "Not Mo", "fireside-users"));
        _provider.People.Add(new ProviderPerson("carol", "carol-pass", "sub-carol", "carol@example.com", true, "Carol", "contractors"));
        _provider.People.Add(new ProviderPerson("nomail", "nomail-pass", "sub-nomail", null, false, "No Mail", "fireside-users"));
        _provider.People.Add(new ProviderPerson("mo", "mo-pass", "sub-mo", "mo@example.com", true, "Mo", "fireside-users"));
        _provider.People.Add(new ProviderPerson("newmo", "newmo-pass", "sub-newmo", "mo@example.com", true, "The next Mo", "fireside-users"));
        await _provider.RegisterClientAsync(new Uri("http://localhost/"));
        Configure(_provider.Authority, OidcProvider.ClientSecret);
    }

    private void Configure(string authority, string secret)
    {
        _app.Settings["Oidc:Authority"] = authority;
        _app.Settings["Oidc:ClientId"] = OidcProvider.ClientId;
        _app.Settings["Oidc:ClientSecret"] = secret;
        _app.Settings["Oidc:AllowHttp"] = "true";
        _app.Settings["Oidc:DisplayName"] = "Example SSO";
        _app.Settings["Oidc:AdminGroups:0"] = "fireside-admins";
        _app.Settings["Oidc:AllowedGroups:0"] = "fireside-users";
        _app.Settings["Oidc:AllowedGroups:1"] = "fireside-admins";
    }

    public async Task DisposeAsync()
    {
        _app.Dispose();
        await _provider.DisposeAsync();
    }

    /// <summary>The browser's way through: Fireside's button, the provider's login page, back to Fireside with the code.</summary>
    private async Task<HttpResponseMessage> SignInThroughProviderAsync(HttpClient browser, string username, string password, string start = "/account/sso")
    {
        var started = await browser.GetAsync(start);
        return await FollowAsync(browser, started, username, password);
    }

    private static async Task<HttpResponseMessage> FollowAsync(HttpClient browser, HttpResponseMessage start, string username, string password)
    {
        Assert.True(start.StatusCode == HttpStatusCode.Redirect, await FiresideApp.Describe(start));
        var authorize = start.Headers.Location!;
        if (!authorize.IsAbsoluteUri)
        {
            return start;
        }

        using var atProvider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });
        var login = await atProvider.GetStringAsync(authorize);
        var fields = HiddenField().Matches(login).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        fields["username"] = username;
        fields["password"] = password;
        var answer = await atProvider.PostAsync(new Uri(authorize, "/connect/authorize"), new FormUrlEncodedContent(fields));
        Assert.True(answer.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found, await FiresideApp.Describe(answer));
        return await browser.GetAsync(answer.Headers.Location!.PathAndQuery);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenField();

    private async Task<JsonElement> MeAsync(HttpClient browser) => await browser.GetFromJsonAsync<JsonElement>("/api/me", FiresideApp.Json);

    [Fact]
    public async Task FirstSignIn_MakesTheAccount_AndTheGroupsDecideWhoIsAnAdmin()
    {
        var adminApi = await _app.ApiClientAsync(await _app.SetUpAdminAsync());
        var browser = _app.NewBrowser();

        var landed = await SignInThroughProviderAsync(browser, "alice", "alice-pass");

        Assert.Equal(HttpStatusCode.Redirect, landed.StatusCode);
        Assert.Equal("/", landed.Headers.Location?.OriginalString);
        var me = await MeAsync(browser);
        Assert.Equal(("alice@example.com", "Alice Ng", true), (me.GetProperty("email").GetString(), me.GetProperty("displayName").GetString(), me.GetProperty("isAdmin").GetBoolean()));

        // Bob is in Fireside's group but not the admins': he comes in as a member.
        var bob = _app.NewBrowser();
        await SignInThroughProviderAsync(bob, "bob", "bob-pass");
        Assert.False((await MeAsync(bob)).GetProperty("isAdmin").GetBoolean());

        // Alice leaves the admin group at the provider: at her next sign-in she is a member, and it is in the audit log.
        _provider.People[0] = _provider.People[0] with { Groups = ["fireside-users"] };
        var again = _app.NewBrowser();
        await SignInThroughProviderAsync(again, "alice", "alice-pass");
        Assert.False((await MeAsync(again)).GetProperty("isAdmin").GetBoolean());
        var users = await adminApi.GetFromJsonAsync<JsonElement>("/api/users", FiresideApp.Json);
        Assert.Single(users.EnumerateArray(), u => u.GetProperty("email").GetString() == "alice@example.com");
        var log = await adminApi.GetStringAsync("/api/audit?person=alice%40example.com");
        Assert.Contains("On first sign-in through the identity provider.", log);
        Assert.Contains("Made an admin", log);
        Assert.Contains("No longer an admin", log);

        // Signing out ends Fireside's session and sends the browser to end the provider's too.
        var home = await again.GetStringAsync("/");
        var signOut = await again.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = FiresideApp.AntiforgeryToken(home) }));
        Assert.True(signOut.StatusCode == HttpStatusCode.Redirect, await FiresideApp.Describe(signOut));
        Assert.StartsWith($"{_provider.Authority}connect/endsession", signOut.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task AVerifiedEmail_LinksToTheAccountHere_OnceOnly_AndNeverTheBreakGlassAdmin()
    {
        _app.Settings["Oidc:BreakGlassAdmin"] = FiresideApp.AdminEmail;
        var adminApi = await _app.ApiClientAsync(await _app.SetUpAdminAsync());
        await _app.AddPersonAsync(adminApi, "mo@example.com");

        var mallory = await SignInThroughProviderAsync(_app.NewBrowser(), "mallory", "mallory-pass");
        var mo = _app.NewBrowser();
        await SignInThroughProviderAsync(mo, "mo", "mo-pass");
        var newcomer = await SignInThroughProviderAsync(_app.NewBrowser(), "newmo", "newmo-pass");
        var ada = await SignInThroughProviderAsync(_app.NewBrowser(), "ada", "ada-pass");

        async Task<string> WhyAsync(HttpResponseMessage refused)
        {
            Assert.StartsWith("/account/sso-unavailable", refused.Headers.Location?.OriginalString, StringComparison.Ordinal);
            return await _app.NewBrowser().GetStringAsync(refused.Headers.Location!.OriginalString);
        }

        // An unverified email does not join; a verified one does, once; the same email for someone else at the provider
        // (an address handed on) does not take the account over; the emergency admin stays a password account.
        Assert.Contains("has not verified it", await WhyAsync(mallory));
        Assert.Equal("mo@example.com", (await MeAsync(mo)).GetProperty("email").GetString());
        Assert.Contains("joined to another person", await WhyAsync(newcomer));
        Assert.Contains("kept for emergencies", await WhyAsync(ada));
        Assert.Equal(2, (await adminApi.GetFromJsonAsync<JsonElement>("/api/users", FiresideApp.Json)).GetArrayLength());

        // Joined to the provider, Mo signs in there: a password would go around its groups.
        var password = await FiresideApp.PostFormAsync(_app.NewBrowser(), "/account/signin", "signin", new() { ["Form.Email"] = "mo@example.com", ["Form.Password"] = FiresideApp.Password });
        Assert.Contains("This account signs in with Example SSO", await password.Content.ReadAsStringAsync());
        Assert.Equal(FiresideApp.AdminEmail, (await MeAsync(await _app.SignInAsync(FiresideApp.AdminEmail, FiresideApp.Password))).GetProperty("email").GetString());
    }

    [Fact]
    public async Task TheWayBack_StaysOnFireside()
    {
        await _app.SetUpAdminAsync();

        var landed = await SignInThroughProviderAsync(_app.NewBrowser(), "bob", "bob-pass", "/account/sso?returnUrl=%2F%09%2Fevil.example");
        var inside = await SignInThroughProviderAsync(_app.NewBrowser(), "bob", "bob-pass", "/account/sso?returnUrl=%2Flibrary%3Fq%3Dcache");

        Assert.Equal("/", landed.Headers.Location?.OriginalString);
        Assert.Equal("/library?q=cache", inside.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task OutsideTheAllowedGroups_OrWithoutAnEmail_IsTurnedAwayPlainly()
    {
        await _app.SetUpAdminAsync();

        var carol = await SignInThroughProviderAsync(_app.NewBrowser(), "carol", "carol-pass");
        var nomail = await SignInThroughProviderAsync(_app.NewBrowser(), "nomail", "nomail-pass");

        var carolPage = await _app.NewBrowser().GetStringAsync(carol.Headers.Location!.OriginalString);
        var nomailPage = await _app.NewBrowser().GetStringAsync(nomail.Headers.Location!.OriginalString);
        Assert.Contains("not in a group that may use Fireside", carolPage);
        Assert.Contains("did not send an email address", nomailPage);
        Assert.Contains("/account/signin", nomailPage);
    }

    [Fact]
    public async Task PasswordsOff_LeaveOnlyTheBreakGlassAdmin()
    {
        _app.Settings["Oidc:LocalPasswords"] = "false";
        _app.Settings["Oidc:BreakGlassAdmin"] = FiresideApp.AdminEmail;
        var adminApi = await _app.ApiClientAsync(await _app.SetUpAdminAsync());
        var added = await adminApi.PostAsJsonAsync("/api/users", new { email = "mo@example.com", displayName = "Mo", password = FiresideApp.Password }, FiresideApp.Json);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);

        var mo = await FiresideApp.PostFormAsync(_app.NewBrowser(), "/account/signin", "signin", new() { ["Form.Email"] = "mo@example.com", ["Form.Password"] = FiresideApp.Password });
        var ada = await _app.SignInAsync(FiresideApp.AdminEmail, FiresideApp.Password);

        Assert.Equal(HttpStatusCode.OK, mo.StatusCode);
        Assert.Contains("This Fireside signs in with Example SSO", await mo.Content.ReadAsStringAsync());
        Assert.Equal(FiresideApp.AdminEmail, (await MeAsync(ada)).GetProperty("email").GetString());
        Assert.Contains("Passwords are off", await _app.NewBrowser().GetStringAsync("/account/signin"));
    }

    [Fact]
    public async Task AWrongClientSecret_GivesAPlainPage_AndTheCauseInTheLog()
    {
        Configure(_provider.Authority, "not-the-secret");
        await _app.SetUpAdminAsync();

        var landed = await SignInThroughProviderAsync(_app.NewBrowser(), "alice", "alice-pass");

        Assert.StartsWith("/account/sso-unavailable", landed.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("did not accept Fireside", await _app.NewBrowser().GetStringAsync(landed.Headers.Location!.OriginalString));
    }

    [Fact]
    public async Task AProviderThatCannotBeReached_GivesAPlainPage_AndTheBreakGlassAdminStillSignsIn()
    {
        var closed = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        Configure($"http://127.0.0.1:{port}/", OidcProvider.ClientSecret);
        _app.Settings["Oidc:LocalPasswords"] = "false";
        _app.Settings["Oidc:BreakGlassAdmin"] = FiresideApp.AdminEmail;
        await _app.SetUpAdminAsync();

        var start = await _app.NewBrowser().GetAsync("/account/sso");
        var page = await _app.NewBrowser().GetStringAsync(start.Headers.Location!.OriginalString);
        var ada = await _app.SignInAsync(FiresideApp.AdminEmail, FiresideApp.Password);

        Assert.StartsWith("/account/sso-unavailable", start.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("cannot reach the identity provider", page);
        Assert.Contains("Nothing you had in Fireside is lost", page);
        // The page says only what Fireside wrote: a link cannot put words on it.
        var crafted = await _app.NewBrowser().GetStringAsync("/account/sso-unavailable?why=Call%20the%20helpdesk%20at%20555-0100");
        Assert.DoesNotContain("555-0100", crafted);
        Assert.Contains("could not be used", crafted);
        Assert.True((await MeAsync(ada)).GetProperty("isAdmin").GetBoolean());
    }
}
