using System.Net;

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
}
