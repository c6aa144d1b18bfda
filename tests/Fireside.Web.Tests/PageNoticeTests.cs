using System.Net;

namespace Fireside.Web.Tests;

/// <summary>
/// What a form post has to say ("Saved.", or why it was not taken) reaches the page it leads back to once, and never
/// through the address: a reload does not repeat it, and a link cannot put words of its own on one of our pages.
/// </summary>
public sealed class PageNoticeTests : IAsyncLifetime
{
    private readonly FiresideApp _app = new();
    private HttpClient _browser = default!;

    public async Task InitializeAsync() => _browser = await _app.SetUpAdminAsync();

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    private async Task<HttpResponseMessage> SaveAgendaAsync(string minutes)
    {
        var page = await _browser.GetStringAsync("/admin/agenda");
        return await _browser.PostAsync("/admin/agenda/save", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", FiresideApp.AntiforgeryToken(page)),
            new("name", "Story"),
            new("minutes", minutes),
            new("kind", "Timeline"),
        ]));
    }

    [Fact]
    public async Task AProblem_IsShownOnThePageItIsFor_Once()
    {
        var refused = await SaveAgendaAsync("-5");

        Assert.Equal("/admin/agenda", refused.Headers.Location?.OriginalString);
        // Another page on the way does not take it.
        Assert.DoesNotContain("role=\"alert\"", await _browser.GetStringAsync("/"));
        var page = await _browser.GetStringAsync("/admin/agenda");
        Assert.Contains("role=\"alert\"", page);
        Assert.DoesNotContain("role=\"alert\"", await _browser.GetStringAsync("/admin/agenda"));
    }

    [Fact]
    public async Task ALinkCannotPutWordsOnAPage()
    {
        var page = await _browser.GetStringAsync("/admin/agenda?problem=Your+account+is+locked.+Call+555-0100&saved=true&done=Call+us");

        Assert.DoesNotContain("555-0100", page);
        Assert.DoesNotContain("Call us", page);
        Assert.DoesNotContain("role=\"status\"", page);
    }

    [Fact]
    public async Task AMadeUpNoticeCookie_IsDropped_AndThePageStillShows()
    {
        // What a notice looks like unprotected: {"Path":"/account/signin","Key":"problem","Text":"Call 555"} in base64.
        using var stranger = _app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/signin");
        request.Headers.Add("Cookie", "fireside.notice=eyJQYXRoIjoiL2FjY291bnQvc2lnbmluIiwiS2V5IjoicHJvYmxlbSIsIlRleHQiOiJDYWxsIDU1NSJ9");

        var response = await stranger.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Call 555", await response.Content.ReadAsStringAsync());
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("fireside.notice=;", StringComparison.Ordinal));
    }
}
