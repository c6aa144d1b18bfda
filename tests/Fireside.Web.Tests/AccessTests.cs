using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Fireside.Web.Tests;

public sealed class AccessTests : IDisposable
{
    private readonly FiresideApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task FirstVisit_OnANewFireside_OffersSetup()
    {
        var response = await _app.NewBrowser().GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/setup", response.Headers.Location?.OriginalString);
        var setup = await _app.NewBrowser().GetStringAsync("/setup");
        Assert.Contains("Create the admin account", setup);
    }

    [Fact]
    public async Task Setup_CreatesAnAdminWhoIsSignedIn_AndCannotBeRepeated()
    {
        var admin = await _app.SetUpAdminAsync();

        var home = await admin.GetAsync("/");
        Assert.True(home.StatusCode == HttpStatusCode.OK, await FiresideApp.Describe(home));
        Assert.Contains("Reviews", await home.Content.ReadAsStringAsync());
        var me = await admin.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.True(me.GetProperty("isAdmin").GetBoolean());

        var again = await _app.NewBrowser().GetAsync("/setup");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.EndsWith("/account/signin", again.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Pages_WithoutSignIn_RedirectToSignIn()
    {
        await _app.SetUpAdminAsync();

        foreach (var path in new[] { "/", "/reviews/new", "/account", "/admin/users", "/api-reference" })
        {
            var response = await _app.NewBrowser().GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{path}: {await FiresideApp.Describe(response)}");
            Assert.StartsWith("http://localhost/account/signin", response.Headers.Location?.ToString());
        }
    }

    [Fact]
    public async Task PublicEndpoints_AnswerWithoutSignIn()
    {
        await _app.SetUpAdminAsync();
        var anonymous = _app.NewBrowser();

        var openApi = await anonymous.GetAsync("/openapi/v1.json");
        var health = await anonymous.GetAsync("/health");
        var signIn = await anonymous.GetAsync("/account/signin");

        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        var document = await openApi.Content.ReadAsStringAsync();
        Assert.Contains("/api/reviews/{id}", document);
        Assert.Contains("bearer", document);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    [Fact]
    public async Task SignIn_WithWrongPassword_SaysSoAndSetsNoCookie()
    {
        await _app.SetUpAdminAsync();
        var browser = _app.NewBrowser();

        var response = await FiresideApp.PostFormAsync(browser, "/account/signin", "signin", new()
        {
            ["Form.Email"] = FiresideApp.AdminEmail,
            ["Form.Password"] = "not the password",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("do not match an account", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        var admin = await _app.SetUpAdminAsync();

        var token = FiresideApp.AntiforgeryToken(await admin.GetStringAsync("/account"));
        var signOut = await admin.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task PeopleApi_IsForAdminsOnly()
    {
        var admin = await _app.SetUpAdminAsync();
        var adminApi = await _app.ApiClientAsync(admin);
        var member = await _app.AddPersonAsync(adminApi, "grace@example.com");
        var memberApi = await _app.ApiClientAsync(member);

        Assert.Equal(HttpStatusCode.Forbidden, (await memberApi.GetAsync("/api/users")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await adminApi.GetAsync("/api/users")).StatusCode);
        var page = await member.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/denied", page.Headers.Location?.ToString());
    }

    [Fact]
    public async Task PeopleApi_ShortPassword_IsRefusedWithAReason()
    {
        var adminApi = await _app.ApiClientAsync(await _app.SetUpAdminAsync());

        var response = await adminApi.PostAsJsonAsync("/api/users", new { email = "short@example.com", password = "abc" });
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        Assert.Contains("password", body);
        Assert.Contains("10", body);
    }
}
