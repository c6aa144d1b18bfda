using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fireside.Testing;

namespace Fireside.Web.Tests;

/// <summary>A new Fireside shows what to do first, and people added without a password are invited by email to choose one.</summary>
public sealed class FirstStepsTests : IAsyncLifetime
{
    private readonly SmtpSink _smtp = new();
    private readonly FiresideApp _app = new();
    private HttpClient _admin = default!;
    private HttpClient _adminApi = default!;

    public FirstStepsTests()
    {
        _app.Settings["Notifications:Smtp:Host"] = "127.0.0.1";
        _app.Settings["Notifications:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _app.Settings["Notifications:Smtp:Security"] = "None";
    }

    public async Task InitializeAsync()
    {
        _admin = await _app.SetUpAdminAsync();
        _adminApi = await _app.ApiClientAsync(_admin);
    }

    public async Task DisposeAsync()
    {
        _app.Dispose();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task ANewFireside_ShowsFirstSteps_UntilTheFirstReview()
    {
        var empty = WebUtility.HtmlDecode(await _admin.GetStringAsync("/"));
        await _app.CreateReviewAsync(_adminApi, new { title = "Cart outage" });
        var after = await _admin.GetStringAsync("/");

        Assert.Contains("data-testid=\"first-steps\"", empty);
        Assert.Contains("href=\"/reviews/new\"", empty);
        Assert.Contains("Invite the people involved", empty);
        Assert.Contains("Import the chat", empty);
        Assert.DoesNotContain("data-testid=\"first-steps\"", after);
    }

    [Fact]
    public async Task SomeoneAddedWithoutAPassword_IsInvitedByEmail_AndChoosesTheirOwn()
    {
        var added = await _adminApi.PostAsJsonAsync("/api/users", new { email = "nia@example.com", displayName = "Nia", timeZone = "Europe/Oslo" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var invitation = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("invitation");
        var link = new Uri(invitation.GetProperty("link").GetString()!);

        Assert.True(invitation.GetProperty("emailed").GetBoolean());
        var mail = Assert.Single(_smtp.Messages, m => m.Recipients.Contains("nia@example.com"));
        Assert.Contains("You are invited to Fireside", mail.Data);
        Assert.Contains("/account/reset?user=", mail.Data);
        await Assert.ThrowsAnyAsync<Exception>(() => _app.SignInAsync("nia@example.com", "no password yet at all"));

        var visitor = _app.NewBrowser();
        var set = await FiresideApp.PostFormAsync(visitor, link.PathAndQuery, "reset", new() { ["NewPassword"] = "a sentence of her own" });
        Assert.Contains("Your new password is set", await set.Content.ReadAsStringAsync());
        await _app.SignInAsync("nia@example.com", "a sentence of her own");
    }

    [Fact]
    public async Task ThePeoplePage_InvitesWhenThePasswordIsLeftEmpty_AndSaysSo()
    {
        var response = await FiresideApp.PostFormAsync(_admin, "/admin/users", "add-user", new()
        {
            ["Form.Email"] = "ola@example.com",
            ["Form.DisplayName"] = "Ola",
            ["Form.TimeZone"] = "UTC",
            ["Form.Password"] = "",
        });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Contains("data-testid=\"invitation\"", html);
        Assert.Contains("ola@example.com is invited. The invitation went to them by email.", html);
        Assert.Single(_smtp.Messages, m => m.Recipients.Contains("ola@example.com"));
    }
}
