using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fireside.Web.Features.Account;

namespace Fireside.Web.Tests;

/// <summary>
/// The audit log as an admin meets it: sign-ins and refused sign-ins (with the email typed, never the password),
/// accounts switched off and on, API tokens made and revoked, over the API and on its page; closed to members.
/// </summary>
public sealed class AuditLogTests : IAsyncLifetime
{
    private readonly FiresideApp _app = new();
    private HttpClient _admin = default!;
    private HttpClient _adminApi = default!;
    private HttpClient _member = default!;

    public async Task InitializeAsync()
    {
        _admin = await _app.SetUpAdminAsync();
        _adminApi = await _app.ApiClientAsync(_admin);
        _member = await _app.AddPersonAsync(_adminApi, "mo@example.com");
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    private async Task<List<JsonElement>> EventsAsync(string query = "")
    {
        var page = await _adminApi.GetFromJsonAsync<JsonElement>($"/api/audit{query}", FiresideApp.Json);
        return [.. page.GetProperty("events").EnumerateArray()];
    }

    private static string Kind(JsonElement e) => e.GetProperty("kind").GetString()!;

    [Fact]
    public async Task SignIns_Accounts_AndTokens_AreLogged_AndShownToAdminsOnly()
    {
        const string WrongPassword = "not-the-password-at-all";
        var refused = await FiresideApp.PostFormAsync(_app.NewBrowser(), "/account/signin", "signin", new() { ["Form.Email"] = "mo@example.com", ["Form.Password"] = WrongPassword });
        var unknown = await FiresideApp.PostFormAsync(_app.NewBrowser(), "/account/signin", "signin", new() { ["Form.Email"] = "nobody@example.com", ["Form.Password"] = WrongPassword });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        var token = await _app.CreateTokenAsync(_member);
        Assert.Equal(HttpStatusCode.NoContent, (await _member.DeleteAsync($"/api/tokens/{token.Token.Id}")).StatusCode);
        var users = await _adminApi.GetFromJsonAsync<JsonElement>("/api/users", FiresideApp.Json);
        var mo = users.EnumerateArray().First(u => u.GetProperty("email").GetString() == "mo@example.com").GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await _adminApi.PostAsync($"/api/users/{mo}/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _adminApi.PostAsync($"/api/users/{mo}/enable", null)).StatusCode);

        var events = await EventsAsync();
        var failures = await EventsAsync("?kind=sign-in-failed");
        var aboutMo = await EventsAsync("?person=mo%40example.com");

        Assert.Contains(events, e => Kind(e) == "account-added" && e.GetProperty("detail").GetString() == "The first admin, at setup.");
        Assert.Contains(events, e => Kind(e) == "signed-in" && e.GetProperty("who").GetString() == "mo");
        Assert.Contains(events, e => Kind(e) == "account-added" && e.GetProperty("subject").GetString() == "mo@example.com");
        Assert.Equal(["sign-in-failed", "sign-in-failed"], failures.Select(Kind));
        Assert.Equal(["No account has this email.", "Wrong password."], failures.Select(e => e.GetProperty("detail").GetString()));
        Assert.Equal("nobody@example.com", failures[0].GetProperty("subject").GetString());
        Assert.DoesNotContain(WrongPassword, (await _adminApi.GetStringAsync("/api/audit")));
        Assert.Equal(["account-enabled", "account-disabled", "token-revoked", "token-created"],
            aboutMo.Select(Kind).Where(k => k is not ("signed-in" or "sign-in-failed" or "account-added")).Take(4));
        var revoked = aboutMo.First(e => Kind(e) == "token-revoked");
        Assert.Equal("mo", revoked.GetProperty("who").GetString());
        Assert.Equal("tests", revoked.GetProperty("subject").GetString());

        // Members are refused, over the API and on the page; the page shows the same log to an admin.
        // (Switching the account off ended its sessions, so the member signs in again.)
        var member = await _app.SignInAsync("mo@example.com", FiresideApp.Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _app.ApiClientAsync(member)).GetAsync("/api/audit")).StatusCode);
        var memberPage = await member.GetAsync("/admin/audit");
        Assert.Equal(HttpStatusCode.Found, memberPage.StatusCode);
        Assert.Equal("/account/denied", memberPage.Headers.Location?.AbsolutePath);
        var page = await _admin.GetStringAsync("/admin/audit?kind=sign-in-failed");
        Assert.Contains("Sign-in refused", page);
        Assert.Contains("nobody@example.com", page);
        Assert.Contains("2 events, newest first.", page);
        var bad = await _adminApi.GetAsync("/api/audit?from=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("2026-03-31", await bad.Content.ReadAsStringAsync());
    }
}
