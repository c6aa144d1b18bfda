using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Fireside.Web.Tests;

/// <summary>The time zone field: a list of every zone the server knows that narrows as one types, in names or in words.</summary>
public sealed class TimeZoneFieldTests : IAsyncLifetime
{
    private readonly FiresideApp _app = new();
    private HttpClient _browser = default!;

    public async Task InitializeAsync() => _browser = await _app.SetUpAdminAsync();

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TheField_ListsEveryZone_WithItsPlaceInWords()
    {
        var page = await _browser.GetStringAsync("/account");

        Assert.Contains("list=\"tz-zones\"", page);
        Assert.Contains("<option value=\"America/New_York\">New York, America</option>", page);
        Assert.Contains("<option value=\"America/Argentina/Buenos_Aires\">Buenos Aires, Argentina, America</option>", page);
    }

    [Fact]
    public async Task AZoneTyped_IsTaken_AndOneNotOnTheList_IsExplainedAtTheField()
    {
        await FiresideApp.PostFormAsync(_browser, "/account", "profile", new() { ["Profile.DisplayName"] = "Ada", ["Profile.TimeZone"] = " Europe/Berlin " });
        Assert.Contains("value=\"Europe/Berlin\"", await _browser.GetStringAsync("/account"));

        var refused = await FiresideApp.PostFormAsync(_browser, "/account", "profile", new() { ["Profile.DisplayName"] = "Ada", ["Profile.TimeZone"] = "Mars/Olympus_Mons" });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Please choose a time zone from the list", html);
        Assert.Contains("value=\"Europe/Berlin\"", await _browser.GetStringAsync("/account"));
    }

    [Fact]
    public async Task TheApi_RefusesAZoneItDoesNotKnow_InsteadOfQuietlyUsingUtc()
    {
        var api = await _app.ApiClientAsync(_browser);

        var refused = await api.PostAsJsonAsync("/api/users", new { email = "mars@example.com", displayName = "Mars", password = FiresideApp.Password, timeZone = "Mars/Olympus_Mons" }, FiresideApp.Json);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(FiresideApp.Json);
        Assert.Equal("“Mars/Olympus_Mons” is not a time zone Fireside knows. Please give one such as Europe/Berlin or America/New_York.",
            problem.GetProperty("errors").GetProperty("timeZone")[0].GetString());
        var users = await api.GetFromJsonAsync<JsonElement>("/api/users", FiresideApp.Json);
        Assert.DoesNotContain(users.EnumerateArray(), u => u.GetProperty("email").GetString() == "mars@example.com");

        var kept = await api.PostAsJsonAsync("/api/users", new { email = "oslo@example.com", password = FiresideApp.Password, timeZone = " Europe/Oslo " }, FiresideApp.Json);
        Assert.Equal(HttpStatusCode.Created, kept.StatusCode);
        Assert.Equal("Europe/Oslo", (await kept.Content.ReadFromJsonAsync<JsonElement>(FiresideApp.Json)).GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task AReview_StartsInItsCreatorsZone_AndItsExportsSayTimesInIt()
    {
        await FiresideApp.PostFormAsync(_browser, "/account", "profile", new() { ["Profile.DisplayName"] = "Ada", ["Profile.TimeZone"] = "Europe/Berlin" });
        Assert.Contains("value=\"Europe/Berlin\"", await _browser.GetStringAsync("/reviews/new"));

        var refused = await FiresideApp.PostFormAsync(_browser, "/reviews/new", "review", new() { ["Form.Title"] = "Checkout", ["Form.TimeZone"] = "Mars/Olympus_Mons" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("is not a time zone Fireside knows", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));

        var made = await FiresideApp.PostFormAsync(_browser, "/reviews/new", "review",
            new() { ["Form.Title"] = "Checkout", ["Form.TimeZone"] = "Europe/Berlin", ["Form.IncidentStartedAt"] = "2026-11-20T11:00" });
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var id = System.Text.RegularExpressions.Regex.Match(made.Headers.Location!.OriginalString, "[0-9a-f]{8}-[0-9a-f-]{27}").Value;
        var markdown = await (await _app.ApiClientAsync(_browser)).GetStringAsync($"/api/reviews/{id}/export?format=markdown");
        Assert.Contains("**Times in:** Europe/Berlin", markdown);
        Assert.Contains("**Incident started:** 2026-11-20 11:00", markdown);
    }
}
