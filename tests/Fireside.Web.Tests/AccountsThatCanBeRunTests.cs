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
    public async Task OnlyAdmins_SwitchAccountsOff()
    {
        var member = await _app.ApiClientAsync(await _app.AddPersonAsync(_admin, "sam@example.com"));
        var users = await _admin.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/users", FiresideApp.Json);
        var admin = users.EnumerateArray().Single(u => u.GetProperty("email").GetString() == FiresideApp.AdminEmail).GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsync($"/api/users/{admin}/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _admin.PostAsync($"/api/users/{admin}/disable", null)).StatusCode);
    }
}
