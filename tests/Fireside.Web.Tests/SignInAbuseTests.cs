using System.Net;
using System.Net.Http.Json;

namespace Fireside.Web.Tests;

/// <summary>Someone guessing passwords is slowed down, learns nothing about who has an account, and cannot lock a person out for long.</summary>
public sealed class SignInAbuseTests : IDisposable
{
    private readonly FiresideApp _app = new() { Settings = { ["Security:SignInAttemptsPerMinute"] = "6" } };

    public void Dispose() => _app.Dispose();

    private Task<(HttpStatusCode Status, string Body)> TryAsync(string email, string password) => TryAsync(_app, email, password);

    private static async Task<(HttpStatusCode Status, string Body)> TryAsync(FiresideApp app, string email, string password)
    {
        var browser = app.NewBrowser();
        var response = await FiresideApp.PostFormAsync(browser, "/account/signin", "signin", new() { ["Form.Email"] = email, ["Form.Password"] = password });
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnknownAndKnownAccounts_GetTheSameAnswer_AndTooManyTriesFromOneAddressWait()
    {
        await _app.SetUpAdminAsync();

        var unknown = await TryAsync("nobody@example.com", "a wrong password");
        var known = await TryAsync(FiresideApp.AdminEmail, "a wrong password");
        var attempts = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            attempts.Add((await TryAsync("nobody@example.com", "still wrong")).Status);
        }

        Assert.Equal(unknown.Status, known.Status);
        Assert.Contains("That email and password do not match an account here.", unknown.Body);
        Assert.Contains("That email and password do not match an account here.", known.Body);
        Assert.Contains(HttpStatusCode.TooManyRequests, attempts);
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, attempts.Take(3));
    }

    [Fact]
    public async Task FiveWrongPasswords_PauseTheAccountForMinutes_NotForGood()
    {
        using var app = new FiresideApp();
        var admin = await app.ApiClientAsync(await app.SetUpAdminAsync());
        await admin.PostAsJsonAsync("/api/users", new { email = "sam@example.com", displayName = "Sam", password = FiresideApp.Password, admin = false, timeZone = "UTC" }, FiresideApp.Json);

        for (var i = 0; i < 5; i++)
        {
            await TryAsync(app, "sam@example.com", "not it at all");
        }

        var right = await TryAsync(app, "sam@example.com", FiresideApp.Password);

        Assert.Contains("locked for a little while", right.Body);
        var users = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/users", FiresideApp.Json);
        var sam = users.EnumerateArray().Single(u => u.GetProperty("email").GetString() == "sam@example.com");
        var until = sam.GetProperty("lockedUntil").GetDateTimeOffset();
        Assert.InRange(until - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5.5));
    }

    [Theory]
    [InlineData("password123")]
    [InlineData("1234567890")]
    [InlineData("qwertyuiop")]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("sam@example.com")]
    public async Task CommonPasswords_AreRefused_WithAReason(string password)
    {
        var admin = await _app.ApiClientAsync(await _app.SetUpAdminAsync());

        var response = await admin.PostAsJsonAsync("/api/users", new { email = "sam@example.com", displayName = "Sam", password, admin = false, timeZone = "UTC" }, FiresideApp.Json);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, await FiresideApp.Describe(response));
        Assert.Contains("tried first", await response.Content.ReadAsStringAsync());
    }
}
