using System.Net;
using System.Net.Http.Json;

namespace Fireside.Web.Tests;

/// <summary>Each of a review's pages carries the review's own navigation, with the part shown marked and the next step.</summary>
public sealed class ReviewNavTests : IAsyncLifetime
{
    private readonly FiresideApp _app = new();
    private HttpClient _browser = default!;
    private HttpClient _api = default!;
    private Guid _id;

    public async Task InitializeAsync()
    {
        _browser = await _app.SetUpAdminAsync();
        _api = await _app.ApiClientAsync(_browser);
        _id = (await _app.CreateReviewAsync(_api, new { title = "Cart outage" })).Id;
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("", "Story")]
    [InlineData("/facilitation", "Facilitation")]
    [InlineData("/after", "After the meeting")]
    [InlineData("/people", "People")]
    [InlineData("/history", "History")]
    public async Task EachPartOfAReview_MarksItselfInTheReviewsNavigation(string path, string current)
    {
        var html = WebUtility.HtmlDecode(await _browser.GetStringAsync($"/reviews/{_id}{path}"));

        Assert.Contains("data-testid=\"review-nav\"", html);
        var marked = System.Text.RegularExpressions.Regex.Matches(html, "<a [^>]*aria-current=\"page\"[^>]*>([^<]+)</a>").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains(current, marked);
        Assert.Contains($"href=\"/reviews/{_id}/room\"", html);
    }

    [Fact]
    public async Task TheHeaderSaysWhatComesNext()
    {
        var before = WebUtility.HtmlDecode(await _browser.GetStringAsync($"/reviews/{_id}"));
        var meeting = await _api.PutAsJsonAsync($"/api/reviews/{_id}/meeting", new { startsAt = DateTimeOffset.UtcNow.AddDays(20) });
        var after = WebUtility.HtmlDecode(await _browser.GetStringAsync($"/reviews/{_id}/facilitation"));

        Assert.True(meeting.IsSuccessStatusCode, await FiresideApp.Describe(meeting));
        Assert.Contains("Next: gather the story, then propose a meeting time under Facilitation.", before);
        Assert.Matches("data-testid=\"next-step\">Meeting on \\d+ [A-Z][a-z]{2}( \\d{4})? at \\d\\d:\\d\\d\\.<", after);
    }

    [Fact]
    public async Task ALanguageFinding_LinksToTheMomentItIsIn()
    {
        var added = await _api.PostAsJsonAsync($"/api/reviews/{_id}/timeline/", new { occurredAt = "2026-11-20T10:00:00Z", actor = "Priya", text = "Priya should have checked the canary first." });
        Assert.True(added.IsSuccessStatusCode, await FiresideApp.Describe(added));
        var entry = (await added.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();

        var html = await _browser.GetStringAsync($"/reviews/{_id}");
        var link = System.Text.RegularExpressions.Regex.Match(html, "<a href=\"(/reviews/[^\"]+/moments/[^\"]+)\" data-testid=\"finding-moment\"");
        Assert.True(link.Success, html);
        var redirect = await _browser.GetAsync(link.Groups[1].Value);

        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal($"/reviews/{_id}?from=0#entry-{entry}", redirect.Headers.Location?.OriginalString);
    }
}
