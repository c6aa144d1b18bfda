using System.Net;
using System.Net.Http.Json;

namespace Fireside.Web.Tests;

/// <summary>An admin switches someone off and they are out everywhere at once; a person changes their password and their other sessions end.</summary>
public sealed class AccountsThatCanBeRunTests : IAsyncLifetime
{
    private readonly FiresideApp _app = new();
    private HttpClient _admin = default!;

    public async Task InitializeAsync() => _admin = await _app.ApiClientAsync(await _app.SetUpAdminAsync());

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task SwitchingSomeoneOff_EndsTheirSessionsAndTokensAtOnce_AndSwitchingOnLetsThemBackIn()
    {
        var browser = await _app.AddPersonAsync(_admin, "sam@example.com");
        var api = await _app.ApiClientAsync(browser);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        var users = await _admin.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/users", FiresideApp.Json);
        var sam = users.EnumerateArray().Single(u => u.GetProperty("email").GetString() == "sam@example.com").GetProperty("id").GetString();

        var off = await _admin.PostAsync($"/api/users/{sam}/disable", null);

        Assert.Equal(HttpStatusCode.NoContent, off.StatusCode);
        var page = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/signin", page.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/reviews")).StatusCode);
        var again = await FiresideApp.PostFormAsync(_app.NewBrowser(), "/account/signin", "signin", new() { ["Form.Email"] = "sam@example.com", ["Form.Password"] = FiresideApp.Password });
        Assert.Contains("switched off", await again.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.PostAsync($"/api/users/{sam}/enable", null)).StatusCode);
        await _app.SignInAsync("sam@example.com", FiresideApp.Password);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/reviews")).StatusCode);
    }

    [Fact]
    public async Task ChangingYourPassword_KeepsThisBrowser_AndEndsTheOthers()
    {
        await _app.AddPersonAsync(_admin, "sam@example.com");
        var here = await _app.SignInAsync("sam@example.com", FiresideApp.Password);
        var elsewhere = await _app.SignInAsync("sam@example.com", FiresideApp.Password);

        var wrong = await here.PutAsJsonAsync("/api/me/password", new { currentPassword = "not my password", newPassword = "a brand new sentence" }, FiresideApp.Json);
        var common = await here.PutAsJsonAsync("/api/me/password", new { currentPassword = FiresideApp.Password, newPassword = "password123" }, FiresideApp.Json);
        var changed = await here.PutAsJsonAsync("/api/me/password", new { currentPassword = FiresideApp.Password, newPassword = "a brand new sentence" }, FiresideApp.Json);

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("not your current password", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, common.StatusCode);
        Assert.True(changed.StatusCode == HttpStatusCode.NoContent, await FiresideApp.Describe(changed));
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/account")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/account")).StatusCode);
        await _app.SignInAsync("sam@example.com", "a brand new sentence");
    }

    [Fact]
    public async Task RemovingAnAccount_EndsItsAccess_ButKeepsWhatThePersonToldInTheReviews()
    {
        var browser = await _app.AddPersonAsync(_admin, "sam@example.com");
        var api = await _app.ApiClientAsync(browser);
        var review = await _app.CreateReviewAsync(_admin, new { title = "Cart outage" });
        await _admin.PostAsJsonAsync($"/api/reviews/{review.Id}/participants", new { name = "Sam", email = "sam@example.com", role = "actor" }, FiresideApp.Json);
        var users = await _admin.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/users", FiresideApp.Json);
        var sam = users.EnumerateArray().Single(u => u.GetProperty("email").GetString() == "sam@example.com").GetProperty("id").GetString();

        var removed = await _admin.DeleteAsync($"/api/users/{sam}");

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/reviews")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/account")).StatusCode);
        var facilitation = await _admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/reviews/{review.Id}/facilitation", FiresideApp.Json);
        var person = facilitation.GetProperty("participants").EnumerateArray().Single();
        Assert.Equal("Sam", person.GetProperty("name").GetString());
        Assert.Equal("sam@example.com", person.GetProperty("email").GetString());
        Assert.DoesNotContain("sam@example.com", await _admin.GetStringAsync("/api/users"));
    }

    [Fact]
    public async Task OnlyAdmins_SwitchAccountsOff()
    {
        var member = await _app.ApiClientAsync(await _app.AddPersonAsync(_admin, "sam@example.com"));
        var users = await _admin.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/users", FiresideApp.Json);
        var admin = users.EnumerateArray().Single(u => u.GetProperty("email").GetString() == FiresideApp.AdminEmail).GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsync($"/api/users/{admin}/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _admin.PostAsync($"/api/users/{admin}/disable", null)).StatusCode);
    }
}

/// <summary>Tokens that expire, admins who see and revoke anyone's, a reset link that works once, and a sign-out that holds even for a copied cookie.</summary>
public sealed class TokensResetsAndSignOutTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = new(Now);
    private readonly FiresideApp _app;
    private HttpClient _admin = default!;

    public TokensResetsAndSignOutTests() => _app = new FiresideApp { Clock = _clock };

    public async Task InitializeAsync() => _admin = await _app.ApiClientAsync(await _app.SetUpAdminAsync());

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Token_WithAnExpiry_StopsWorkingWhenItExpires()
    {
        var browser = await _app.AddPersonAsync(_admin, "sam@example.com");
        var past = await browser.PostAsJsonAsync("/api/tokens", new { name = "old", expiresAt = Now.AddDays(-1) }, FiresideApp.Json);
        var made = await browser.PostAsJsonAsync("/api/tokens", new { name = "ci", expiresAt = Now.AddHours(1) }, FiresideApp.Json);
        var secret = (await made.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("secret").GetString();
        var api = _app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);

        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/reviews")).StatusCode);
        _clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/reviews")).StatusCode);
    }

    [Fact]
    public async Task Admin_SeesAndRevokesAnyonesToken_AMemberSeesOnlyTheirOwn()
    {
        var sam = await _app.AddPersonAsync(_admin, "sam@example.com");
        var samApi = await _app.ApiClientAsync(sam);
        var mine = await _app.ApiClientAsync(await _app.AddPersonAsync(_admin, "lee@example.com"));

        var all = await _admin.GetFromJsonAsync<List<System.Text.Json.JsonElement>>("/api/tokens?all=true", FiresideApp.Json);
        var samsToken = all!.First(t => t.GetProperty("owner").GetString() == "sam@example.com").GetProperty("id").GetString();
        var leeTries = await mine.DeleteAsync($"/api/tokens/{samsToken}");
        var leeSeesAll = await mine.GetAsync("/api/tokens?all=true");
        var revoked = await _admin.DeleteAsync($"/api/tokens/{samsToken}");

        Assert.Equal(HttpStatusCode.NotFound, leeTries.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, leeSeesAll.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await samApi.GetAsync("/api/reviews")).StatusCode);
    }

    [Fact]
    public async Task PasswordReset_LinkWorksOnce_AndEndsTheOldSessions()
    {
        var old = await _app.AddPersonAsync(_admin, "sam@example.com");
        var users = await _admin.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/users", FiresideApp.Json);
        var sam = users.EnumerateArray().Single(u => u.GetProperty("email").GetString() == "sam@example.com").GetProperty("id").GetString();

        var reset = await (await _admin.PostAsync($"/api/users/{sam}/reset-password", null)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var link = new Uri(reset.GetProperty("link").GetString()!);
        var visitor = _app.NewBrowser();
        Task<HttpResponseMessage> SetAsync() => FiresideApp.PostFormAsync(visitor, link.PathAndQuery, "reset", new() { ["NewPassword"] = "a brand new sentence" });
        var first = await SetAsync();
        var second = await SetAsync();

        Assert.Contains("Your new password is set", await first.Content.ReadAsStringAsync());
        Assert.Contains("used already", await second.Content.ReadAsStringAsync());
        _clock.Advance(TimeSpan.FromSeconds(1)); // sessions are checked against the security stamp on every request after the one that signed them in
        Assert.Equal(HttpStatusCode.Redirect, (await old.GetAsync("/account")).StatusCode);
        await _app.SignInAsync("sam@example.com", "a brand new sentence");
    }

    [Fact]
    public async Task PeoplePage_ShowsTheAdminAResetLink_AndEveryonesTokens()
    {
        var sam = await _app.AddPersonAsync(_admin, "sam@example.com");
        await _app.CreateTokenAsync(sam);
        var admin = await _app.SignInAsync(FiresideApp.AdminEmail, FiresideApp.Password);
        var users = await _admin.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/users", FiresideApp.Json);
        var samId = users.EnumerateArray().Single(u => u.GetProperty("email").GetString() == "sam@example.com").GetProperty("id").GetString();

        var page = await admin.GetStringAsync("/admin/users");
        var response = await admin.PostAsync("/admin/users", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = $"reset-{samId}",
            ["__RequestVerificationToken"] = FiresideApp.AntiforgeryToken(page),
        }));
        var html = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, await FiresideApp.Describe(response));
        Assert.Contains("/account/reset?user=", html);
        Assert.Contains("sam@example.com", html[html.IndexOf("data-testid=\"all-tokens\"", StringComparison.Ordinal)..]);
    }

    [Fact]
    public async Task SigningOut_EndsTheSessionOnTheServer_SoACopiedCookieIsRefused()
    {
        var browser = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        browser.DefaultRequestHeaders.Add("Origin", "http://localhost");
        var signIn = await FiresideApp.PostFormAsync(browser, "/account/signin", "signin", new() { ["Form.Email"] = FiresideApp.AdminEmail, ["Form.Password"] = FiresideApp.Password });
        var cookie = signIn.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("fireside=", StringComparison.Ordinal)).Split(';')[0];
        var copy = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/account")).StatusCode);

        // Saving the profile signs the person in afresh (a new cookie): it stays the same session, so signing out ends the copy too.
        var saved = await FiresideApp.PostFormAsync(browser, "/account", "profile", new() { ["Profile.DisplayName"] = "Ada L", ["Profile.TimeZone"] = "UTC" });
        Assert.Contains(saved.Headers.TryGetValues("Set-Cookie", out var fresh) ? fresh : [], c => c.StartsWith("fireside=", StringComparison.Ordinal));
        var page = await browser.GetStringAsync("/account");
        await browser.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = FiresideApp.AntiforgeryToken(page) }));

        var replay = await copy.GetAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.Contains("/account/signin", replay.Headers.Location?.ToString());
    }
}
