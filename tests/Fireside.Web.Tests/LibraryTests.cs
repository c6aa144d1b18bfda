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
        // These tests read insights right after writing reviews: count them on every view (keeping them has its own test).
        _app.Settings["Insights:KeepSeconds"] = "0";
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
    public async Task TakeawaysAndFactors_AreSearched_UntilTheyAreRemoved()
    {
        var id = await ReviewAsync("Checkout outage", "The checkout service failed.");
        var factor = await _api.PostAsJsonAsync($"/api/reviews/{id}/factors", new { text = "The capybara runbook had not been opened in a year" }, FiresideApp.Json);
        var takeaway = await _api.PostAsJsonAsync($"/api/reviews/{id}/takeaways", new { believeNow = "Runbooks need a reader, like the capybara one" }, FiresideApp.Json);
        Assert.True(factor.IsSuccessStatusCode && takeaway.IsSuccessStatusCode, await FiresideApp.Describe(factor));
        var factorId = JsonDocument.Parse(await factor.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        var takeawayId = JsonDocument.Parse(await takeaway.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();

        var found = (await SearchAsync("q=capybara")).GetProperty("results")[0].GetProperty("matchedIn").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Equal(["takeaways", "factors"], found);

        Assert.True((await _api.DeleteAsync($"/api/reviews/{id}/factors/{factorId}")).IsSuccessStatusCode);
        Assert.True((await _api.DeleteAsync($"/api/reviews/{id}/takeaways/{takeawayId}")).IsSuccessStatusCode);
        Assert.Equal(0, (await SearchAsync("q=capybara")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Themes_FileAFactor_AndBecomeAFacetOfSearch()
    {
        var id = await ReviewAsync("Checkout outage", "The checkout service failed.");
        var factor = await _api.PostAsJsonAsync($"/api/reviews/{id}/factors", new { text = "Nobody had seen the pool at its limit" }, FiresideApp.Json);
        var factorId = JsonDocument.Parse(await factor.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        var themes = await _api.GetFromJsonAsync<JsonElement>("/api/themes", FiresideApp.Json);
        Assert.Contains("Capacity and load", themes.EnumerateArray().Select(t => t.GetProperty("name").GetString()));

        var filed = await _api.PutAsJsonAsync($"/api/reviews/{id}/factors/{factorId}/themes", new { themes = new[] { "capacity and LOAD" } }, FiresideApp.Json);
        var unknown = await _api.PutAsJsonAsync($"/api/reviews/{id}/factors/{factorId}/themes", new { themes = new[] { "Bad luck" } }, FiresideApp.Json);

        Assert.True(filed.IsSuccessStatusCode, await FiresideApp.Describe(filed));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Bad luck", await unknown.Content.ReadAsStringAsync());
        var found = await SearchAsync("q=checkout&theme=Capacity%20and%20load");
        Assert.Equal(1, found.GetProperty("total").GetInt32());
        Assert.Equal(1, found.GetProperty("facets").GetProperty("themes").GetProperty("Capacity and load").GetInt32());
        var page = await _browser.GetStringAsync($"/reviews/{id}/after");
        Assert.Contains("data-testid=\"factor-theme\">Capacity and load<", page);
        Assert.Contains("Save the themes", page);
    }

    [Fact]
    public async Task Themes_AreTheAdminsToChange_AndAFacilitatorsToFile()
    {
        var id = await ReviewAsync("Checkout outage", "The checkout service failed.");
        var factor = await _api.PostAsJsonAsync($"/api/reviews/{id}/factors", new { text = "The pool had no alarm" }, FiresideApp.Json);
        var factorId = JsonDocument.Parse(await factor.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        var member = await _app.ApiClientAsync(await _app.AddPersonAsync(_api, "mo@example.com"));

        var add = await member.PostAsJsonAsync("/api/themes", new { name = "Weather" }, FiresideApp.Json);
        var file = await member.PutAsJsonAsync($"/api/reviews/{id}/factors/{factorId}/themes", new { themes = new[] { "Dependencies" } }, FiresideApp.Json);
        var added = await _api.PostAsJsonAsync("/api/themes", new { name = "Vendor changes", description = "What our vendors changed under us" }, FiresideApp.Json);
        var adminPage = await _browser.GetStringAsync("/admin/themes");

        Assert.Equal(HttpStatusCode.Forbidden, add.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, file.StatusCode);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Contains("Vendor changes", adminPage);
        Assert.Contains("Alerting and signals", adminPage);
    }

    [Fact]
    public async Task LibraryHome_BringsBackWhatWasPublished_LearnedAndHappenedOnThisDay()
    {
        var now = DateTime.UtcNow;
        var lastWeek = await _app.CreateReviewAsync(_api, new { title = "Pool exhausted", incidentStartedAt = now.AddDays(-7).ToString("O"), services = new[] { "payments" } });
        var yearAgo = await _app.CreateReviewAsync(_api, new { title = "Certificate expired", incidentStartedAt = now.AddYears(-1).ToString("O"), services = new[] { "edge" } });
        Assert.True((await _api.PostAsJsonAsync($"/api/reviews/{lastWeek.Id}/takeaways", new { believeNow = "Pools need an alarm before they are full" }, FiresideApp.Json)).IsSuccessStatusCode);
        var published = await _api.PostAsJsonAsync($"/api/reviews/{lastWeek.Id}/publish", FiresideApp.SkipEverything, FiresideApp.Json);
        Assert.True(published.IsSuccessStatusCode, await FiresideApp.Describe(published));

        var html = await _browser.GetStringAsync("/library");
        var browse = await SearchAsync("service=payments");

        Assert.Contains("data-testid=\"recently-published\"", html);
        Assert.Contains("Pools need an alarm before they are full", html);
        Assert.Matches(@"data-testid=""on-this-day"">\s*<li><a href=""/reviews/" + yearAgo.Id, html);
        Assert.Contains("href=\"/library?service=payments\"", html);
        Assert.Equal(1, browse.GetProperty("total").GetInt32());
        Assert.Equal("Pool exhausted", browse.GetProperty("results")[0].GetProperty("title").GetString());
        Assert.Contains("newest first", await _browser.GetStringAsync("/library?service=payments"));
    }

    [Fact]
    public async Task ReviewPage_ShowsRelatedReviews_WithWhy()
    {
        var first = await _app.CreateReviewAsync(_api, new { title = "Pool exhausted", services = new[] { "checkout", "payments" } });
        var second = await _app.CreateReviewAsync(_api, new { title = "Checkout slow", services = new[] { "checkout" } });

        var page = await _browser.GetStringAsync($"/reviews/{first.Id}");
        var api = await _api.GetFromJsonAsync<JsonElement>($"/api/reviews/{first.Id}/related", FiresideApp.Json);

        Assert.Contains("Related reviews", page);
        Assert.Contains($"href=\"/reviews/{second.Id}\"", page);
        Assert.Contains("Shares the service checkout.", page);
        Assert.Equal(second.Id, api[0].GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task LibraryPage_SavesASearch_ListsIt_AndMakesAFeedToken()
    {
        await ReviewAsync("Checkout outage", "The checkout service failed.");
        var results = await _browser.GetStringAsync("/library?q=checkout&service=checkout");
        Assert.Contains("Save this search", results);

        var saved = await _browser.PostAsync("/library/saved", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FiresideApp.AntiforgeryToken(results),
            ["q"] = "checkout",
            ["service"] = "checkout",
            ["name"] = "Checkout <troubles>",
            ["byEmail"] = "true",
        }));
        var home = await _browser.GetStringAsync("/library");
        var token = await FiresideApp.PostFormAsync(_browser, "/library", "feed-token", []);
        var tokenPage = await token.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("href=\"/library?q=checkout&amp;service=checkout\">Checkout &lt;troubles&gt;</a>", home);
        Assert.Contains("by email", home);
        Assert.Matches("data-testid=\"feed-token\">ff_[A-Za-z0-9_-]{20,}<", tokenPage);
    }

    [Fact]
    public async Task Insights_DrawEachChartWithItsTable_OfferCsv_AndLeaveOutDeletedReviews()
    {
        var kept = await _app.CreateReviewAsync(_api, new { title = "Pool exhausted", incidentStartedAt = "2026-11-02T10:00:00Z", services = new[] { "payments" } });
        Assert.True((await _api.PutAsJsonAsync($"/api/reviews/{kept.Id}/facilitation", new { teamsInvolved = new[] { "Payments team" } })).IsSuccessStatusCode);
        var gone = await _app.CreateReviewAsync(_api, new { title = "Gone", incidentStartedAt = "2026-11-03T10:00:00Z", services = new[] { "payments" } });
        Assert.True((await _api.PostAsJsonAsync($"/api/reviews/{kept.Id}/publish", FiresideApp.SkipEverything, FiresideApp.Json)).IsSuccessStatusCode);
        Assert.True((await _api.DeleteAsync($"/api/reviews/{gone.Id}")).IsSuccessStatusCode);

        var html = await _browser.GetStringAsync("/insights");
        var csv = await _browser.GetAsync("/insights/people-per-review.csv?service=payments");
        var api = await _api.GetFromJsonAsync<JsonElement>("/api/insights", FiresideApp.Json);
        var badDate = await _browser.GetStringAsync("/insights?from=2026-13-01");
        var team = await _api.GetFromJsonAsync<JsonElement>("/api/insights?team=Payments%20team", FiresideApp.Json);
        var otherTeam = await _api.GetFromJsonAsync<JsonElement>("/api/insights?team=Search", FiresideApp.Json);

        foreach (var key in new[] { "days-to-meeting", "days-to-publish", "interviews-in-time", "people-per-review", "themes-over-time", "writing", "facilitators", "survey" })
        {
            Assert.Contains($"id=\"{key}\"", html);
        }

        Assert.Contains("data-testid=\"chart-days-to-publish\"", html);
        Assert.Contains("data-testid=\"table-people-per-review\"", html);
        Assert.Contains("rather than averages", html);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith(",people taking part,teams,others in the room", await csv.Content.ReadAsStringAsync());
        static double Reviews(JsonElement charts) => charts.EnumerateArray().Single(c => c.GetProperty("key").GetString() == "people-per-review")
            .GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty("values")[0].GetDouble());
        Assert.Equal(1, Reviews(api));
        Assert.Equal(1, Reviews(team));
        Assert.Equal(0, Reviews(otherTeam));
        Assert.Contains("Dates look like 2026-03-31", badDate);
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
