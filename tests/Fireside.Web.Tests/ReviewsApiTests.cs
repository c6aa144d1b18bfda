using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fireside.Core.Reviews;

namespace Fireside.Web.Tests;

public sealed class ReviewsApiTests : IAsyncLifetime
{
    private readonly FiresideApp _app = new();
    private HttpClient _api = default!;

    public async Task InitializeAsync() => _api = await _app.ApiClientAsync(await _app.SetUpAdminAsync());

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Api_WithoutCredentials_Answers401InsteadOfRedirecting()
    {
        var anonymous = _app.NewBrowser();

        var response = await anonymous.GetAsync("/api/reviews");

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, await FiresideApp.Describe(response));
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Api_WithUnknownToken_Answers401()
    {
        var stranger = _app.NewBrowser();
        stranger.DefaultRequestHeaders.Authorization = new("Bearer", "fs_not-a-real-token");

        var response = await stranger.GetAsync("/api/reviews");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Token_OnceRevoked_NoLongerWorks()
    {
        var browser = await _app.SignInAsync(FiresideApp.AdminEmail, FiresideApp.Password);
        var token = await _app.CreateTokenAsync(browser);
        var api = _app.NewBrowser();
        api.DefaultRequestHeaders.Authorization = new("Bearer", token.Secret);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/reviews")).StatusCode);

        var revoke = await browser.DeleteAsync($"/api/tokens/{token.Token.Id}");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/reviews")).StatusCode);
    }

    [Fact]
    public async Task Create_ReturnsTheReviewWithComputedDurations()
    {
        var response = await _api.PostAsJsonAsync("/api/reviews", new
        {
            title = "Checkout outage",
            incidentStartedAt = "2026-11-20T10:00:00Z",
            detectedAt = "2026-11-20T11:07:00+01:00",
            resolvedAt = "2026-11-20T11:30:00Z",
            severity = "sev2",
            services = new[] { "checkout" },
            status = "preparing",
        });
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        Assert.NotNull(response.Headers.Location);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal("SEV2", root.GetProperty("severity").GetString());
        Assert.Equal("preparing", root.GetProperty("status").GetString());
        Assert.Equal("00:07:00", root.GetProperty("timeToDetect").GetString());
        Assert.Equal("01:30:00", root.GetProperty("impact").GetString());
        Assert.Equal(1, root.GetProperty("version").GetInt32());

        var list = await _api.GetFromJsonAsync<List<ReviewSummary>>("/api/reviews", FiresideApp.Json);
        Assert.Contains(list!, r => r.Title == "Checkout outage");
    }

    [Fact]
    public async Task Create_WithBadFields_Returns400ProblemNamingEachField()
    {
        var response = await _api.PostAsJsonAsync("/api/reviews", new
        {
            title = "",
            incidentStartedAt = "2026-11-20T10:00:00Z",
            resolvedAt = "2026-11-20T09:00:00Z",
            severity = "SEV9",
        });
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        var errors = json.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("title", out _), body);
        Assert.True(errors.TryGetProperty("resolvedAt", out _), body);
        Assert.Contains("SEV9", errors.GetProperty("severity")[0].GetString());
        Assert.Empty((await _api.GetFromJsonAsync<List<ReviewSummary>>("/api/reviews", FiresideApp.Json))!);
    }

    [Fact]
    public async Task Create_WithMalformedTime_Returns400NamingTheField()
    {
        var response = await _api.PostAsync("/api/reviews", JsonContent("""{"title":"t","incidentStartedAt":"yesterday-ish"}"""));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        Assert.Contains("incidentStartedAt", body);
        Assert.Contains("ISO 8601", body);
    }

    [Fact]
    public async Task Get_UnknownId_Returns404Problem()
    {
        var response = await _api.GetAsync($"/api/reviews/{Guid.NewGuid()}");
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.NotFound, body);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("There is no review with id", body);
    }

    [Fact]
    public async Task Update_WithStaleVersion_Returns409AndKeepsTheOtherEdit()
    {
        var review = await _app.CreateReviewAsync(_api, new { title = "Original" });
        var first = await _api.PutAsJsonAsync($"/api/reviews/{review.Id}", new { title = "First editor", version = 1 });
        Assert.True(first.IsSuccessStatusCode, await FiresideApp.Describe(first));

        var second = await _api.PutAsJsonAsync($"/api/reviews/{review.Id}", new { title = "Second editor", version = 1 });
        var body = await second.Content.ReadAsStringAsync();

        Assert.True(second.StatusCode == HttpStatusCode.Conflict, body);
        Assert.Contains("someone else", body, StringComparison.OrdinalIgnoreCase);
        var current = await _api.GetFromJsonAsync<ReviewDocument>($"/api/reviews/{review.Id}", FiresideApp.Json);
        Assert.Equal("First editor", current!.Title);
        Assert.Equal(2, current.Version);
    }

    [Fact]
    public async Task Update_WithoutVersion_Returns400NamingVersion()
    {
        var review = await _app.CreateReviewAsync(_api, new { title = "Original" });

        var response = await _api.PutAsJsonAsync($"/api/reviews/{review.Id}", new { title = "Changed" });
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        Assert.Contains("\"version\"", body);
    }

    [Fact]
    public async Task Timeline_EntriesAddedOutOfOrder_ComeBackInTimeOrder()
    {
        var review = await _app.CreateReviewAsync(_api, new { title = "Out of order" });
        foreach (var (time, text) in new[] { ("10:30", "third"), ("10:00", "first"), ("10:12", "second") })
        {
            var added = await _api.PostAsJsonAsync($"/api/reviews/{review.Id}/timeline", new { occurredAt = $"2026-11-20T{time}:00Z", actor = "Priya", kind = "action", text });
            Assert.True(added.StatusCode == HttpStatusCode.Created, await FiresideApp.Describe(added));
        }

        var timeline = await _api.GetFromJsonAsync<List<TimelineEntryDocument>>($"/api/reviews/{review.Id}/timeline", FiresideApp.Json);

        Assert.Equal(["first", "second", "third"], timeline!.Select(e => e.Text));
        Assert.All(timeline!, e => Assert.Equal(TimelineEntryKind.Action, e.Kind));
    }

    [Fact]
    public async Task Timeline_EntryCanBeEditedAndRemoved()
    {
        var review = await _app.CreateReviewAsync(_api, new { title = "Edits" });
        var added = await (await _api.PostAsJsonAsync($"/api/reviews/{review.Id}/timeline", new { occurredAt = "2026-11-20T10:00:00Z", actor = "deploy bot", actorKind = "system", text = "Deployed v42" }))
            .Content.ReadFromJsonAsync<TimelineEntryDocument>(FiresideApp.Json);

        var edit = await _api.PutAsJsonAsync($"/api/reviews/{review.Id}/timeline/{added!.Id}", new { occurredAt = "2026-11-20T10:01:00Z", actor = "deploy bot", actorKind = "system", text = "Deployed v43", version = added.Version });
        Assert.True(edit.IsSuccessStatusCode, await FiresideApp.Describe(edit));
        var stale = await _api.PutAsJsonAsync($"/api/reviews/{review.Id}/timeline/{added.Id}", new { occurredAt = "2026-11-20T10:01:00Z", actor = "x", text = "y", version = added.Version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        var remove = await _api.DeleteAsync($"/api/reviews/{review.Id}/timeline/{added.Id}");

        Assert.Equal(HttpStatusCode.NoContent, remove.StatusCode);
        Assert.Empty((await _api.GetFromJsonAsync<List<TimelineEntryDocument>>($"/api/reviews/{review.Id}/timeline", FiresideApp.Json))!);
    }

    [Fact]
    public async Task Timeline_EntryWithoutActorOrText_Returns400NamingBoth()
    {
        var review = await _app.CreateReviewAsync(_api, new { title = "Entries" });

        var response = await _api.PostAsJsonAsync($"/api/reviews/{review.Id}/timeline", new { occurredAt = "2026-11-20T10:00:00Z" });
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        Assert.Contains("\"actor\"", body);
        Assert.Contains("\"text\"", body);
    }

    [Fact]
    public async Task Delete_MovesToDeletedListAndRestoreBringsItBack()
    {
        var review = await _app.CreateReviewAsync(_api, new { title = "Oops" });

        Assert.Equal(HttpStatusCode.NoContent, (await _api.DeleteAsync($"/api/reviews/{review.Id}")).StatusCode);

        Assert.Empty((await _api.GetFromJsonAsync<List<ReviewSummary>>("/api/reviews", FiresideApp.Json))!);
        var deleted = await _api.GetFromJsonAsync<List<ReviewSummary>>("/api/reviews?deleted=true", FiresideApp.Json);
        Assert.Equal(review.Id, Assert.Single(deleted!).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.PutAsJsonAsync($"/api/reviews/{review.Id}", new { title = "x", version = 1 })).StatusCode);

        var restore = await _api.PostAsync($"/api/reviews/{review.Id}/restore", null);

        Assert.True(restore.IsSuccessStatusCode, await FiresideApp.Describe(restore));
        Assert.Single((await _api.GetFromJsonAsync<List<ReviewSummary>>("/api/reviews", FiresideApp.Json))!);
    }

    [Fact]
    public async Task Export_GivesMarkdownAndJson()
    {
        var review = await _app.CreateReviewAsync(_api, new { title = "Export me", summary = "What we learned." });
        await _api.PostAsJsonAsync($"/api/reviews/{review.Id}/timeline", new { occurredAt = "2026-11-20T10:00:00Z", actor = "Priya", text = "Noticed the graph" });

        var markdown = await _api.GetAsync($"/api/reviews/{review.Id}/export?format=markdown");
        var json = await _api.GetAsync($"/api/reviews/{review.Id}/export?format=json");
        var unknown = await _api.GetAsync($"/api/reviews/{review.Id}/export?format=docx");

        Assert.Equal("text/markdown", markdown.Content.Headers.ContentType?.MediaType);
        var text = await markdown.Content.ReadAsStringAsync();
        Assert.StartsWith("# Export me", text);
        Assert.Contains("Noticed the graph", text);
        using var document = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        Assert.Equal("fireside-review/1", document.RootElement.GetProperty("format").GetString());
        Assert.Equal("Export me", document.RootElement.GetProperty("review").GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("docx", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Severities_ComeFromConfiguration()
    {
        var levels = await _api.GetFromJsonAsync<List<SeverityLevel>>("/api/severities", FiresideApp.Json);

        Assert.Equal(["SEV1", "SEV2", "SEV3", "SEV4"], levels!.Select(l => l.Name));
        Assert.All(levels!, l => Assert.False(string.IsNullOrWhiteSpace(l.Description)));
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
