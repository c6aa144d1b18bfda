using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Fireside.Core.Reviews;

namespace Fireside.Web.Tests;

/// <summary>Images on moments, accounts of a stretch of time, editing an account, and choosing entries into or out of scope.</summary>
public sealed class TimelineDetailsTests : IAsyncLifetime
{
    /// <summary>A real 1×1 PNG: signature, IHDR, IDAT, IEND.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private readonly FiresideApp _app = new();
    private HttpClient _browser = default!;
    private HttpClient _api = default!;
    private ReviewDocument _review = default!;
    private TimelineEntryDocument _entry = default!;

    public async Task InitializeAsync()
    {
        _browser = await _app.SetUpAdminAsync();
        _api = await _app.ApiClientAsync(_browser);
        _review = await _app.CreateReviewAsync(_api, new { title = "Details" });
        _entry = await AddEntryAsync("2026-11-20T10:58:00Z", "Priya", "Deployed checkout v42");
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    private async Task<TimelineEntryDocument> AddEntryAsync(string at, string actor, string text)
    {
        var added = await _api.PostAsJsonAsync($"/api/reviews/{_review.Id}/timeline", new { occurredAt = at, actor, text });
        Assert.True(added.IsSuccessStatusCode, await FiresideApp.Describe(added));
        return (await added.Content.ReadFromJsonAsync<TimelineEntryDocument>(FiresideApp.Json))!;
    }

    private async Task<HttpResponseMessage> UploadOnPageAsync(byte[] bytes, string fileName, string caption, string? url = null)
    {
        var page = await _browser.GetStringAsync($"/reviews/{_review.Id}?add=image&to={_entry.Id}");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(FiresideApp.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new StringContent(caption), "caption" },
            { new StringContent(url ?? ""), "url" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return await _browser.PostAsync($"/reviews/{_review.Id}/entries/{_entry.Id}/attachments", form);
    }

    [Fact]
    public async Task UploadedGraph_IsShownInline_AndServedAsTheImageItIs()
    {
        var posted = await UploadOnPageAsync(Png, "p99-latency.png", "p99 latency on checkout, 10:40 to 11:10");

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var page = WebUtility.HtmlDecode(await _browser.GetStringAsync($"/reviews/{_review.Id}"));
        Assert.Contains("alt=\"p99 latency on checkout, 10:40 to 11:10\"", page);
        var timeline = await _api.GetFromJsonAsync<List<TimelineEntryDocument>>($"/api/reviews/{_review.Id}/timeline", FiresideApp.Json);
        var attachment = Assert.Single(Assert.Single(timeline!).Attachments);
        Assert.True(attachment.IsUpload);
        Assert.Equal("image/png", attachment.ContentType);
        Assert.Contains($"src=\"{attachment.Url}\"", page);

        var image = await _browser.GetAsync(attachment.Url);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", image.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(Png, await image.Content.ReadAsByteArrayAsync());

        var stranger = _app.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync(attachment.Url)).StatusCode);
    }

    [Fact]
    public async Task ScriptDressedAsAnImage_IsRefusedWithAMessage_AndNothingIsKept()
    {
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray();

        var posted = await UploadOnPageAsync(svg, "graph.png", "Not really a graph");

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var shown = WebUtility.HtmlDecode(await _browser.GetStringAsync(posted.Headers.Location!.OriginalString));
        Assert.Contains("\"graph.png\" is not a PNG, JPEG, GIF or WebP image", shown);
        Assert.Contains("data-testid=\"attachment-form\"", shown);
        var timeline = await _api.GetFromJsonAsync<List<TimelineEntryDocument>>($"/api/reviews/{_review.Id}/timeline", FiresideApp.Json);
        Assert.Empty(Assert.Single(timeline!).Attachments);
    }

    [Fact]
    public async Task Api_UploadsAndLinksImages_AndRemovesThem()
    {
        using var form = new MultipartFormDataContent { { new StringContent("Error rate"), "caption" } };
        form.Add(new ByteArrayContent(Png), "file", "errors.png");
        var uploaded = await _api.PostAsync($"/api/reviews/{_review.Id}/timeline/{_entry.Id}/attachments", form);
        var linked = await _api.PostAsJsonAsync($"/api/reviews/{_review.Id}/timeline/{_entry.Id}/attachments", new { url = "https://grafana.example.com/render/d/checkout.png", caption = "Checkout board" });
        var badLink = await _api.PostAsJsonAsync($"/api/reviews/{_review.Id}/timeline/{_entry.Id}/attachments", new { url = "javascript:alert(1)", caption = "x" });

        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        Assert.Equal(HttpStatusCode.Created, linked.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badLink.StatusCode);
        Assert.Contains("\"url\"", await badLink.Content.ReadAsStringAsync());
        var link = (await linked.Content.ReadFromJsonAsync<AttachmentDocument>(FiresideApp.Json))!;
        Assert.False(link.IsUpload);
        Assert.Equal("https://grafana.example.com/render/d/checkout.png", link.Url);
        Assert.Contains("src=\"https://grafana.example.com/render/d/checkout.png\"", await _browser.GetStringAsync($"/reviews/{_review.Id}"));

        var upload = (await uploaded.Content.ReadFromJsonAsync<AttachmentDocument>(FiresideApp.Json))!;
        Assert.Equal(HttpStatusCode.NoContent, (await _api.DeleteAsync($"/api/reviews/{_review.Id}/attachments/{upload.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.GetAsync(upload.Url)).StatusCode);
        var markdown = await _api.GetStringAsync($"/api/reviews/{_review.Id}/export?format=markdown");
        Assert.Contains("![Checkout board](<https://grafana.example.com/render/d/checkout.png>)", markdown);
    }

    [Fact]
    public async Task AccountOfAStretchOfTime_SitsInTheStoryWhereTheStretchBegins()
    {
        await AddEntryAsync("2026-11-20T11:20:00Z", "Sam", "Rolled back to v41");
        var added = await _api.PostAsJsonAsync($"/api/reviews/{_review.Id}/accounts", new
        {
            author = "Sam", spanStartsAt = "2026-11-20T11:00:00Z", spanEndsAt = "2026-11-20T11:20:00Z",
            did = "Tried three cache settings before the rollback", whySensible = "Each one had helped in an earlier incident",
            believed = "I should have rolled back sooner",
        });
        var backwards = await _api.PostAsJsonAsync($"/api/reviews/{_review.Id}/accounts", new { author = "Sam", spanStartsAt = "2026-11-20T11:20:00Z", spanEndsAt = "2026-11-20T11:00:00Z", saw = "x" });

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Contains("spanEndsAt", await backwards.Content.ReadAsStringAsync());
        var page = WebUtility.HtmlDecode(await _browser.GetStringAsync($"/reviews/{_review.Id}"));
        var deploy = page.IndexOf("Deployed checkout v42", StringComparison.Ordinal);
        var stretch = page.IndexOf("Tried three cache settings before the rollback", StringComparison.Ordinal);
        var rollback = page.IndexOf("Rolled back to v41", StringComparison.Ordinal);
        Assert.True(deploy < stretch && stretch < rollback, "The stretch's account sits between the moments around its start.");
        var review = await _api.GetFromJsonAsync<ReviewDocument>($"/api/reviews/{_review.Id}", FiresideApp.Json);
        var account = Assert.Single(review!.SpanAccounts);
        Assert.Null(account.EntryId);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 11, 0, 0, TimeSpan.Zero), account.SpanStartsAt);
        var lanes = WebUtility.HtmlDecode(await _browser.GetStringAsync($"/reviews/{_review.Id}?view=lanes"));
        Assert.Contains("Tried three cache settings before the rollback", lanes);
        var findings = await _api.GetFromJsonAsync<JsonElement>($"/api/reviews/{_review.Id}/language");
        Assert.Contains(findings.EnumerateArray(), f => f.GetProperty("field").GetString() == $"account:{account.Id}:believed");
    }

    [Fact]
    public async Task SpanAccountForm_WithoutItsTimes_SaysWhatIsMissing_BesideTheFields_KeepingTheText()
    {
        var posted = await FiresideApp.PostFormAsync(_browser, $"/reviews/{_review.Id}", "add-span-account", new()
        {
            ["NewSpan.SpanStartsAt"] = "",
            ["NewSpan.SpanEndsAt"] = "2026-11-20T11:20:00",
            ["NewSpan.Author"] = "Lee",
            ["NewSpan.Saw"] = "Payment queue steady",
        });
        var html = await posted.Content.ReadAsStringAsync();
        var shown = WebUtility.HtmlDecode(html);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("Please say when the stretch of time this account covers starts.", shown);
        Assert.Contains("id=\"spanStartsAt-error\"", html);
        Assert.Contains("value=\"2026-11-20T11:20:00\"", html);
        Assert.Contains("Payment queue steady", shown);
        Assert.Contains("value=\"Lee\"", html);
        var review = await _api.GetFromJsonAsync<ReviewDocument>($"/api/reviews/{_review.Id}", FiresideApp.Json);
        Assert.Empty(review!.SpanAccounts);

        var saved = await FiresideApp.PostFormAsync(_browser, $"/reviews/{_review.Id}", "add-span-account", new()
        {
            ["NewSpan.SpanStartsAt"] = "2026-11-20T11:00:00",
            ["NewSpan.SpanEndsAt"] = "2026-11-20T11:20:00",
            ["NewSpan.Author"] = "Lee",
            ["NewSpan.Saw"] = "Payment queue steady",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Single((await _api.GetFromJsonAsync<ReviewDocument>($"/api/reviews/{_review.Id}", FiresideApp.Json))!.SpanAccounts);
    }

    [Fact]
    public async Task EditingAnAccount_OnItsPage_SavesIt_AndAStaleFormKeepsTheText()
    {
        var created = await (await _api.PostAsJsonAsync($"/api/reviews/{_review.Id}/timeline/{_entry.Id}/accounts", new { author = "Sam", saw = "Latency" }))
            .Content.ReadFromJsonAsync<AccountDocument>(FiresideApp.Json);
        var path = $"/reviews/{_review.Id}/accounts/{created!.Id}/edit";

        var saved = await FiresideApp.PostFormAsync(_browser, path, "account", new()
        {
            ["Form.Author"] = "Sam", ["Form.Saw"] = "Latency climbing on the cart graph", ["Form.Version"] = "1", ["Form.IsSpan"] = "false",
        });
        var stale = await FiresideApp.PostFormAsync(_browser, path, "account", new()
        {
            ["Form.Author"] = "Sam", ["Form.Saw"] = "My older wording", ["Form.Version"] = "1", ["Form.IsSpan"] = "false",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var account = await _api.GetFromJsonAsync<AccountDocument>($"/api/reviews/{_review.Id}/accounts/{created.Id}", FiresideApp.Json);
        Assert.Equal("Latency climbing on the cart graph", account!.Saw);
        Assert.Equal(2, account.Version);
        var conflict = WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync());
        Assert.Contains("Someone else saved this account", conflict);
        Assert.Contains("My older wording", conflict);
    }

    [Fact]
    public async Task EntriesChosenOutOfScope_LeaveTheScopedView_AndChosenInJoinIt()
    {
        var update = await _api.PutAsJsonAsync($"/api/reviews/{_review.Id}", new { title = "Details", scopeStartsAt = "2026-11-20T10:50:00Z", scopeEndsAt = "2026-11-20T11:30:00Z", version = _review.Version });
        Assert.True(update.IsSuccessStatusCode, await FiresideApp.Describe(update));
        var early = await AddEntryAsync("2026-11-20T09:00:00Z", "Lee", "Config change merged the day before");
        var noise = await AddEntryAsync("2026-11-20T11:05:00Z", "ci-bot", "Nightly build green");
        var page = await _browser.GetStringAsync($"/reviews/{_review.Id}");

        foreach (var (entry, choice) in new[] { (early, "included"), (noise, "excluded") })
        {
            var posted = await _browser.PostAsync($"/reviews/{_review.Id}/entries/{entry.Id}/scope/{choice}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = FiresideApp.AntiforgeryToken(page),
            }));
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        }

        var scoped = await _browser.GetStringAsync($"/reviews/{_review.Id}?scope=only");
        var whole = await _browser.GetStringAsync($"/reviews/{_review.Id}");
        Assert.Contains("Config change merged the day before", scoped);
        Assert.Contains("Deployed checkout v42", scoped);
        Assert.DoesNotContain("Nightly build green", scoped);
        Assert.Contains("Nightly build green", whole);
        Assert.Contains("Outside the scope", whole);
        var timeline = await _api.GetFromJsonAsync<List<TimelineEntryDocument>>($"/api/reviews/{_review.Id}/timeline", FiresideApp.Json);
        Assert.Equal(ScopeChoice.Excluded, timeline!.Single(e => e.Id == noise.Id).Scope);
    }

    [Fact]
    public async Task LanguagePanel_FollowsAnEdit_EvenThoughFindingsAreKeptBetweenViews()
    {
        var before = await _browser.GetStringAsync($"/reviews/{_review.Id}");
        Assert.DoesNotContain("data-testid=\"language-finding\"", before);

        var update = await _api.PutAsJsonAsync($"/api/reviews/{_review.Id}/timeline/{_entry.Id}", new { occurredAt = "2026-11-20T10:58:00Z", actor = "Priya", text = "Priya should have checked the canary", version = _entry.Version });
        Assert.True(update.IsSuccessStatusCode, await FiresideApp.Describe(update));

        var after = await _browser.GetStringAsync($"/reviews/{_review.Id}");
        Assert.Contains("data-testid=\"language-finding\"", after);
        Assert.Equal(HttpStatusCode.NoContent, (await _api.DeleteAsync($"/api/reviews/{_review.Id}/timeline/{_entry.Id}")).StatusCode);
        Assert.DoesNotContain("data-testid=\"language-finding\"", await _browser.GetStringAsync($"/reviews/{_review.Id}"));
    }
}
