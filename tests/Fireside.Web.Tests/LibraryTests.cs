using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Fireside.Web.Tests;

/// <summary>The library's search as people meet it: the API, the /library page and the box in the header.</summary>
public sealed class LibraryTests : IAsyncLifetime
{
    private readonly FiresideApp _app = new();
    private HttpClient _browser = default!;
    private HttpClient _api = default!;

    public async Task InitializeAsync()
    {
        _browser = await _app.SetUpAdminAsync();
        _api = await _app.ApiClientAsync(_browser);
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    private async Task<Guid> ReviewAsync(string title, string summary, params string[] moments)
    {
        var review = await _app.CreateReviewAsync(_api, new { title, summary, incidentStartedAt = "2026-11-20T10:00:00Z", services = new[] { "checkout" } });
        foreach (var text in moments)
        {
            var added = await _api.PostAsJsonAsync($"/api/reviews/{review.Id}/timeline", new { occurredAt = "2026-11-20T10:05:00Z", actor = "Priya", text }, FiresideApp.Json);
            Assert.True(added.IsSuccessStatusCode, await FiresideApp.Describe(added));
        }

        return review.Id;
    }

    private async Task<JsonElement> SearchAsync(string query)
    {
        var response = await _api.GetAsync("/api/search?" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task Api_FindsAReviewByItsTimeline_WithWhereAndASnippet()
    {
        var id = await ReviewAsync("Queue backlog", "Orders waited.", "The failover to the replica took nine minutes");

        var found = await SearchAsync("q=failovers");

        Assert.Equal(1, found.GetProperty("total").GetInt32());
        var result = found.GetProperty("results")[0];
        Assert.Equal(id, result.GetProperty("reviewId").GetGuid());
        Assert.Contains("timeline", result.GetProperty("matchedIn").EnumerateArray().Select(p => p.GetString()));
        var snippet = result.GetProperty("snippet");
        var text = snippet.GetProperty("text").GetString()!;
        var range = snippet.GetProperty("highlights")[0];
        Assert.Equal("failover", text.Substring(range.GetProperty("start").GetInt32(), range.GetProperty("length").GetInt32()), ignoreCase: true);
        Assert.Equal(1, found.GetProperty("facets").GetProperty("services").GetProperty("checkout").GetInt32());
    }

    [Theory]
    [InlineData("q=")]
    [InlineData("q=%22")]
    [InlineData("q=NEAR(")]
    [InlineData("q=title%3Asecret")]
    [InlineData("q=*")]
    [InlineData("q=a%27%3B%20DROP%20TABLE%20Reviews%3B--")]
    [InlineData("q=checkout&from=2026-13-01")]
    [InlineData("q=checkout&from=2026-05-01&to=2026-04-01")]
    [InlineData("q=checkout&page=abc")]
    [InlineData("q=checkout&page=999999999999")]
    [InlineData("q=checkout&status=finished")]
    [InlineData("q=checkout&sort=loudest")]
    [InlineData("q=checkout&service=%00%01")]
    public async Task Api_AnswersHostileQueries_WithResultsOrAProblem_NeverAnError(string query)
    {
        await ReviewAsync("Checkout outage", "The checkout service failed.");

        var response = await _api.GetAsync("/api/search?" + query);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var problem = JsonDocument.Parse(body).RootElement;
            Assert.True(problem.TryGetProperty("errors", out var errors) && errors.EnumerateObject().Any(), body);
        }
    }

    [Fact]
    public async Task Api_RefusesAThreeThousandCharacterQuery_WithAMessage()
    {
        var response = await _api.GetAsync("/api/search?q=" + new string('a', 3_000));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("under 500", body);
    }

    [Fact]
    public async Task PrivateNotes_NeverReachSearch()
    {
        var id = await ReviewAsync("Checkout outage", "The checkout service failed.");
        var note = await _api.PostAsJsonAsync($"/api/reviews/{id}/private-notes", new { kind = "mayFeelExposed", text = "Priya felt the quokka incident was pinned on her" }, FiresideApp.Json);
        Assert.True(note.IsSuccessStatusCode, await FiresideApp.Describe(note));

        var found = await SearchAsync("q=quokka");

        Assert.Equal(0, found.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task DeletedReviews_LeaveSearch()
    {
        var id = await ReviewAsync("Checkout outage", "The wombat cache failed.");
        Assert.Equal(1, (await SearchAsync("q=wombat")).GetProperty("total").GetInt32());

        var deleted = await _api.DeleteAsync($"/api/reviews/{id}");
        Assert.True(deleted.IsSuccessStatusCode, await FiresideApp.Describe(deleted));

        Assert.Equal(0, (await SearchAsync("q=wombat")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task LibraryPage_MarksTheMatches_AndEncodesWhatReviewsSay()
    {
        await ReviewAsync("<script>alert('title')</script> Checkout", "We saw <img src=x onerror=alert(1)> in the failover logs.");

        var html = await _browser.GetStringAsync("/library?q=failover");

        Assert.Contains("<mark>failover</mark>", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script>alert('title')", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("Found in the", html);
    }

    [Fact]
    public async Task LibraryPage_ShowsAClearMessage_ForAQueryWithNothingToLookFor()
    {
        var response = await _browser.GetAsync("/library?q=%22%2A%22");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no words to look for", html);
    }

    [Fact]
    public async Task EveryPage_HasTheSearchBoxInItsHeader()
    {
        var html = await _browser.GetStringAsync("/reviews");

        Assert.Contains("action=\"/library\" role=\"search\"", html);
        Assert.Contains("href=\"/library\"", html);
    }
}
